import { serviceUnavailable } from "../../common/api-error.ts";
import type { ApiKey } from "../gemini/api-key.ts";
import { toClientError, UpstreamError } from "../gemini/upstream-error.ts";
import { shuffle } from "./shuffle.ts";

/** At most this many attempts in total may be spent on "model overloaded" answers. */
const MAX_OVERLOADED_ATTEMPTS = 2;

export interface Attempt {
  keyIndex: number;
  /** Upstream status, or "ok". */
  outcome: number | "ok";
}

/**
 * Runs `attempt` with the worker's keys in random order, one after another (never in parallel:
 * a Worker invocation may hold only 6 connections), each key at most once, until one succeeds.
 * A failure that another key cannot fix (the client's bad request) is returned at once. When
 * every key failed, the client gets the last upstream error in OpenAI's shape — for rate limits
 * with the shortest Retry-After any key reported.
 */
export async function withKeyFailover<T>(
  keys: readonly ApiKey[],
  attempt: (key: ApiKey) => Promise<T>,
  attempts: Attempt[] = [],
): Promise<T> {
  if (keys.length === 0) {
    throw serviceUnavailable(
      "No Gemini API keys are configured on this worker (set KEY1, KEY2, …).",
      "no_keys_configured",
    );
  }
  let last: UpstreamError | undefined;
  let shortestRetryAfter: number | null = null;
  let overloaded = 0;
  for (const key of shuffle(keys)) {
    try {
      const result = await attempt(key);
      attempts.push({ keyIndex: key.index, outcome: "ok" });
      return result;
    } catch (error) {
      if (!(error instanceof UpstreamError)) throw error;
      attempts.push({ keyIndex: key.index, outcome: error.status });
      last = error;
      if (error.retryAfterSeconds !== null) {
        shortestRetryAfter = Math.min(shortestRetryAfter ?? Infinity, error.retryAfterSeconds);
      }
      if (error.retry === "never") break;
      if (error.retry === "overloaded" && ++overloaded >= MAX_OVERLOADED_ATTEMPTS) break;
    }
  }
  throw toClientError(last as UpstreamError, attempts.length, shortestRetryAfter);
}
