import { randomBytes } from "node:crypto";
import type { Content } from "../validate/request-shapes.ts";

/**
 * What the emulator keeps of an interaction (Gemini's Interactions API): the resource a GET
 * answers, the SSE events it was streamed as (so a stream can be resumed after any event), and
 * the listeners of a background interaction that is still running. Kept in the project of the key
 * that made it, only when `store` is not false (ai.google.dev/gemini-api/docs/interactions:
 * "The server enables state by default (store=true)"), for a lifetime of the emulator's choice —
 * Google does not say how long in the pages read (see emulator/README.md).
 */
export const INTERACTION_LIFETIME_MS = 24 * 3600_000;

/** One SSE event: its `event:` line is `data.event_type`; `data.event_id` resumes after it. */
export interface InteractionEvent {
  event_id: string;
  event_type: string;
  [field: string]: unknown;
}

export interface StoredInteraction {
  project: string;
  id: string;
  /** The Interaction resource as a GET answers it (output steps only; input kept apart). */
  resource: Record<string, unknown>;
  /** The `user_input` step(s) of the request, shown when `include_input=true`. */
  inputSteps: Record<string, unknown>[];
  /** The conversation so far, answer included: what a follow-up's `previous_interaction_id` continues. */
  contents: Content[];
  /**
   * Long decode: the contents the answer was asked with (a continuation hop asks again with the
   * same, and its token), and the answer's text so far over all hops.
   */
  asked: Content[];
  answerSoFar: string;
  events: InteractionEvent[];
  /** No more events will come (completed, failed or cancelled). */
  finished: boolean;
  /** Called when events are added or the interaction finishes (streams of a running one). */
  listeners: Set<() => void>;
  /** The timer that finishes a background interaction. */
  timer?: NodeJS.Timeout;
  createdAt: number;
  expiresAt: number;
}

/**
 * An interaction id as Google's look (`v1_…`, from the streaming example of
 * ai.google.dev/gemini-api/docs/interactions/streaming): `v1_` and 40 base64url characters.
 */
export const newInteractionId = () => `v1_${randomBytes(30).toString("base64url")}`;

/** An opaque event id: the interaction's sequence number, base64url (the emulator's choice). */
export const eventIdOf = (id: string, sequence: number) =>
  Buffer.from(`${id.slice(-8)}:${sequence}`).toString("base64url");

export class InteractionStore {
  readonly interactions = new Map<string, StoredInteraction>();

  live(id: string, now: number): StoredInteraction | null {
    const entry = this.interactions.get(id);
    if (!entry) return null;
    if (entry.expiresAt <= now) {
      this.forget(id);
      return null;
    }
    return entry;
  }

  forget(id: string) {
    const entry = this.interactions.get(id);
    if (entry?.timer) clearTimeout(entry.timer);
    this.interactions.delete(id);
  }

  clear() {
    for (const id of [...this.interactions.keys()]) this.forget(id);
  }
}
