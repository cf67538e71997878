import { interactionsStatusOf } from "../../common/interactions-error.ts";
import type { ApiKey } from "./api-key.ts";
import { type GeminiCall, type GeminiTarget, openGeminiBody } from "./client.ts";
import { GeminiEventReader } from "./event-reader.ts";
import type { GeminiGenerateContentResponse } from "./types.ts";
import { connectionFailed, fromGeminiError, UpstreamError } from "./upstream-error.ts";

/** An opened Gemini SSE stream whose first event has arrived and is not an error. */
export interface OpenedGeminiStream {
  events: GeminiEventReader;
  /** The event payloads of the first read, to be handled before `events.next()`. */
  first: string[];
}

/**
 * Opens `streamGenerateContent?alt=sse` and waits for its first event, which decides whether this
 * key works: an error before it is an UpstreamError (so the pool may try another key).
 */
export async function openGeminiStream(
  target: GeminiTarget,
  key: ApiKey,
  call: GeminiCall,
): Promise<OpenedGeminiStream> {
  const { body } = await openGeminiBody(target, key, {
    ...call,
    query: { ...call.query, alt: "sse" },
  });
  const events = new GeminiEventReader(body);
  let first: string[] | null;
  try {
    first = await events.next();
  } catch (error) {
    // A timeout keeps its own message; either way another key may be tried.
    if (error instanceof UpstreamError) throw error;
    throw connectionFailed("the stream was cut before its first event");
  }
  if (first === null) throw connectionFailed("the stream ended before its first event");
  const event = parseGeminiEvent(first[0] as string);
  if ("error" in event) {
    await events.cancel();
    throw fromGeminiError(event.status, event.body, target.secrets);
  }
  return { events, first };
}

export type ParsedGeminiEvent =
  | { chunk: GeminiGenerateContentResponse }
  | { error: true; status: number; body: unknown };

/** One SSE payload: a response chunk, or the error object Gemini sends mid-stream. */
export function parseGeminiEvent(data: string): ParsedGeminiEvent {
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return {
      error: true,
      status: 502,
      body: { error: { message: "Gemini sent an unreadable event." } },
    };
  }
  const error = (value as { error?: { code?: unknown } } | null)?.error;
  if (error) {
    const status =
      typeof error.code === "number" ? error.code : (interactionsStatusOf(error.code) ?? 500);
    return { error: true, status, body: value };
  }
  return { chunk: value as GeminiGenerateContentResponse };
}
