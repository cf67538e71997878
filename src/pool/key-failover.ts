import { ApiError, serviceUnavailable } from "../../common/api-error.ts";
import {
  FAILOVER_HEADER,
  OVERLOADED_BUDGET,
  OVERLOADED_CALLS_HEADER,
} from "../../common/backend-protocol.ts";
import type { ApiKey } from "../gemini/api-key.ts";
import { UpstreamError } from "../gemini/upstream-error.ts";
import { finalAnswer, locationRefused } from "./final-answer.ts";
import type { HealthMemory, Park } from "./health-memory.ts";
import { shuffle } from "./shuffle.ts";

export interface Attempt {
  keyIndex: number;
  /** Upstream status, or "ok". */
  outcome: number | "ok";
}

/** What one client request carries across all its upstream calls. */
export interface PoolRequest {
  /** Keys tried for this request, in order, for the request's log line. */
  attempts: Attempt[];
  /** "Model overloaded" answers spent on this request in the whole topology so far. */
  overloadedSpent: number;
}

export interface FailoverContext {
  memory: HealthMemory;
  request: PoolRequest;
  /** The model the call is about (null for listing models): parks are per (key, model). */
  model: string | null;
}

/**
 * Runs `attempt` with this worker's keys in random order (idle keys first), one after another (never in parallel:
 * a Worker invocation may hold only 6 connections), each key at most once, skipping keys the
 * health memory has parked for this model — a parked key costs no upstream call. A failure that
 * no other key can fix (the client's bad request, a refused location) ends the call at once; an
 * overloaded model ends it once the request's budget is spent. Otherwise, when no key could serve,
 * the client gets the answer `finalAnswer` chooses by priority.
 */
export async function withKeyFailover<T>(
  keys: readonly ApiKey[],
  attempt: (key: ApiKey) => Promise<T>,
  context: FailoverContext,
): Promise<T> {
  if (keys.length === 0) {
    const error = serviceUnavailable(
      "No Gemini API keys are configured on this worker (set KEY1, KEY2, …).",
      "no_keys_configured",
    );
    error.headers[FAILOVER_HEADER] = "another-backend";
    throw error;
  }
  const { memory, request, model } = context;
  const failures: UpstreamError[] = [];
  const skipped: Park[] = [];
  // Random order, idle keys first: two concurrent requests rarely spend the same key's last call.
  const order = shuffle(keys).sort((a, b) => memory.inFlight(a.value) - memory.inFlight(b.value));
  for (const key of order) {
    if (request.overloadedSpent >= OVERLOADED_BUDGET && failures.length > 0) break;
    if (!memory.claim(key.value, model)) {
      const park = memory.parkOf(key.value, model);
      if (park) skipped.push(park);
      continue;
    }
    const finished = memory.begin(key.value);
    try {
      const result = await attempt(key);
      memory.recordSuccess(key.value, model);
      request.attempts.push({ keyIndex: key.index, outcome: "ok" });
      return result;
    } catch (error) {
      if (!(error instanceof UpstreamError)) throw error;
      request.attempts.push({ keyIndex: key.index, outcome: error.status });
      memory.recordFailure(key.value, model, error);
      if (error.fault === "client") throw clientError(error, request.overloadedSpent);
      if (error.fault === "location") throw locationRefused(error, request.overloadedSpent);
      if (error.fault === "overloaded") request.overloadedSpent++;
      failures.push(error);
    } finally {
      finished();
    }
  }
  const parks = keys
    .map((key) => memory.parkOf(key.value, model))
    .filter((park): park is Park => park !== null);
  throw finalAnswer({
    failures,
    skipped,
    parks,
    model,
    keyCount: keys.length,
    now: memory.now(),
    overloadedSpent: request.overloadedSpent,
  });
}

/** The client's own mistake, passed on as Gemini worded it (with Gemini's status). */
function clientError(error: UpstreamError, overloadedSpent: number): ApiError {
  return new ApiError(error.status, error.message, {
    code: error.geminiStatus?.toLowerCase() ?? null,
    headers: { [FAILOVER_HEADER]: "no", [OVERLOADED_CALLS_HEADER]: String(overloadedSpent) },
  });
}
