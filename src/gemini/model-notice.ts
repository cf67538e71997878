import { BoundedMap } from "../../common/bounded-map.ts";
import type { GeminiGenerateContentResponse } from "./types.ts";

/**
 * What a client should know about the model that answered: it is not the one asked for (Google
 * reroutes retired ids silently, e.g. gemini-2.5-flash since 2026-12-01 per
 * https://ai.google.dev/gemini-api/docs/deprecations, and `-latest` aliases move), or Google says
 * its lifecycle stage is LEGACY, DEPRECATED or RETIRED (`modelStatus` of @google/genai's
 * GenerateContentResponse: modelStage, retirementTime, message).
 */
export interface ModelNotice {
  asked: string;
  /** The model that answered (`modelVersion`), when Gemini named one. */
  served?: string;
  stage?: string;
  /** RFC 3339, as Gemini sent it. */
  retirementTime?: string;
  message?: string;
}

/** The stages that tell a client to move off the model (ModelStage of @google/genai). */
const LIFECYCLE_STAGES = new Set(["LEGACY", "DEPRECATED", "RETIRED"]);

/** The notice for a response to a request for `asked`, or null when there is nothing to tell. */
export function modelNotice(
  asked: string,
  response: Pick<GeminiGenerateContentResponse, "modelVersion" | "modelStatus"> | undefined,
): ModelNotice | null {
  const served = response?.modelVersion;
  const status = response?.modelStatus;
  const rerouted = Boolean(served) && served !== asked;
  const stage = status?.modelStage;
  const lifecycle = stage !== undefined && LIFECYCLE_STAGES.has(stage);
  if (!rerouted && !lifecycle) return null;
  const notice: ModelNotice = { asked };
  if (served) notice.served = served;
  if (lifecycle) {
    notice.stage = stage;
    if (status?.retirementTime) notice.retirementTime = status.retirementTime;
    if (status?.message) notice.message = status.message;
  }
  return notice;
}

/** The response header that carries the notice: `x-router-model-status`. */
export const MODEL_STATUS_HEADER = "x-router-model-status";

const MAX_HEADER_LENGTH = 512;

/**
 * The notice as one line of printable ASCII (a header value), e.g.
 * `gemini-2.5-flash served by gemini-3.5-flash; stage RETIRED; retirement 2026-12-01T00:00:00Z; <message>`.
 */
export function describeNotice(notice: ModelNotice): string {
  const parts = [
    notice.served && notice.served !== notice.asked
      ? `${notice.asked} served by ${notice.served}`
      : notice.asked,
  ];
  if (notice.stage) parts.push(`stage ${notice.stage}`);
  if (notice.retirementTime) parts.push(`retirement ${notice.retirementTime}`);
  if (notice.message) parts.push(notice.message);
  const text = parts
    .join("; ")
    .replace(/[^\x20-\x7e]+/g, " ")
    .replace(/ {2,}/g, " ");
  return text.length > MAX_HEADER_LENGTH ? `${text.slice(0, MAX_HEADER_LENGTH - 3)}...` : text;
}

/** One model the isolate has seen rerouted or in a lifecycle stage, for the status page. */
export interface ModelSighting extends ModelNotice {
  /** ISO 8601. */
  lastSeen: string;
  count: number;
}

/**
 * The most models the isolate remembers (least recently seen forgotten first): a sighting is a
 * few hundred bytes, so the memory stays under ~32 KB whatever the traffic.
 */
export const MAX_MODEL_SIGHTINGS = 64;

/** What this isolate has seen of rerouted and deprecated models, bounded. */
export class ModelSightings {
  readonly #entries: BoundedMap<string, ModelSighting>;

  constructor(max = MAX_MODEL_SIGHTINGS) {
    this.#entries = new BoundedMap(max);
  }

  record(notice: ModelNotice, now = Date.now()): void {
    const key = `${notice.asked}\n${notice.served ?? ""}`;
    const previous = this.#entries.peek(key);
    this.#entries.set(key, {
      ...notice,
      lastSeen: new Date(now).toISOString(),
      count: (previous?.count ?? 0) + 1,
    });
  }

  /** Most recently seen first. */
  list(): ModelSighting[] {
    return [...this.#entries.values()].reverse();
  }

  get size(): number {
    return this.#entries.size;
  }
}

/** This isolate's sightings (each backend isolate answers the status page from its own). */
export const isolateModelSightings = new ModelSightings();
