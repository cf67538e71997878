import { ApiError } from "../../common/api-error.ts";
import {
  FAILOVER_HEADER,
  type FailoverVerdict,
  OVERLOADED_BUDGET,
  OVERLOADED_CALLS_HEADER,
} from "../../common/backend-protocol.ts";
import { QUOTA_FAULTS, type UpstreamError } from "../gemini/upstream-error.ts";
import type { Park, ParkReason } from "./health-memory.ts";

export interface FailedCall {
  /** Every key of this backend failed or was parked for this call. */
  failures: readonly UpstreamError[];
  /** The parks that kept keys out of this call (no upstream call made with them). */
  skipped: readonly Park[];
  /** Every key's park for this model once the call is over (those set by this call included). */
  parks: readonly Park[];
  model: string | null;
  keyCount: number;
  now: number;
  /** "Model overloaded" answers spent on this request in the whole topology, this backend's included. */
  overloadedSpent: number;
}

const QUOTA_PARKS: ReadonlySet<ParkReason> = new Set([
  "rate_limited",
  "daily_quota_exhausted",
  "no_quota_for_model",
  "cooling_down",
]);
const DAILY_PARKS: ReadonlySet<ParkReason> = new Set([
  "daily_quota_exhausted",
  "no_quota_for_model",
]);

/**
 * What the client sees when no key of this backend could serve, chosen by a fixed priority —
 * never by which key failed last: a 429 if any key is out of quota (Retry-After = the shortest
 * time until one is free again), else a 502 if keys were rejected, else a 503 if the model was
 * overloaded, else the service's own error. Also says whether another backend may help.
 */
export function finalAnswer(call: FailedCall): ApiError {
  const tried = call.failures.length;
  const summary = describe(call);
  const headers: Record<string, string> = {
    [OVERLOADED_CALLS_HEADER]: String(call.overloadedSpent),
  };
  const verdict = (anotherBackend: boolean): FailoverVerdict =>
    anotherBackend && call.overloadedSpent < OVERLOADED_BUDGET ? "another-backend" : "no";

  const quotaParks = call.parks.filter((park) => QUOTA_PARKS.has(park.reason));
  const quotaFailures = call.failures.filter((failure) => QUOTA_FAULTS.has(failure.fault));
  if (quotaParks.length > 0 || quotaFailures.length > 0) {
    const daily = quotaParks.length > 0 && quotaParks.every((park) => DAILY_PARKS.has(park.reason));
    const code = daily ? dailyCode(quotaParks) : "rate_limited";
    headers["retry-after"] = String(retryAfterSeconds(quotaParks, quotaFailures, call.now));
    headers[FAILOVER_HEADER] = verdict(true);
    const why =
      code === "no_quota_for_model"
        ? "no key's Google Cloud project has quota for this model (limit: 0)"
        : daily
          ? "the daily quota of every key is used up (it resets at midnight Pacific time)"
          : "the keys are rate-limited";
    return new ApiError(429, `Gemini${forModel(call.model)}: ${why}. ${summary}`, {
      type: "rate_limit_error",
      code,
      headers,
    });
  }
  const rejected =
    call.failures.find((failure) => failure.fault === "key-rejected") ??
    (call.parks.some((park) => park.reason === "key_rejected") ? null : undefined);
  if (rejected !== undefined) {
    headers[FAILOVER_HEADER] = verdict(true);
    const last = rejected ? ` Last: ${rejected.message}` : "";
    return new ApiError(
      502,
      `Gemini rejected the API key (${tried} ${keys(tried)} tried). ${summary}${last}`,
      {
        type: "api_error",
        code: "upstream_key_rejected",
        headers,
      },
    );
  }
  const overloaded = call.failures.find((failure) => failure.fault === "overloaded");
  const last = overloaded ?? call.failures.at(-1);
  headers[FAILOVER_HEADER] = verdict(true);
  const status = overloaded ? 503 : (last?.status ?? 502);
  return new ApiError(
    status,
    `All ${tried} Gemini ${keys(tried)} tried failed; last: ${last?.message ?? "no answer"}`,
    {
      code: last?.geminiStatus?.toLowerCase() ?? "upstream_error",
      headers,
    },
  );
}

/** Gemini refused the backend's location: no key here can help, a backend placed elsewhere may. */
export function locationRefused(error: UpstreamError, overloadedSpent: number): ApiError {
  return new ApiError(
    502,
    `Gemini refused to serve this backend's location ("${error.message}"). This is not the client's fault: deploy the backends next to a Gemini region, e.g. \`npm run deploy -- production --placement-region gcp:us-central1\` or the workflow variable PLACEMENT_REGION (README: Deploy › Placement).`,
    {
      type: "api_error",
      code: "upstream_location_unsupported",
      headers: {
        [FAILOVER_HEADER]: overloadedSpent < OVERLOADED_BUDGET ? "another-backend" : "no",
        [OVERLOADED_CALLS_HEADER]: String(overloadedSpent),
      },
    },
  );
}

const keys = (count: number) => (count === 1 ? "key" : "keys");
const forModel = (model: string | null) => (model ? ` (${model})` : "");

function dailyCode(parks: readonly Park[]): string {
  return parks.every((park) => park.reason === "no_quota_for_model")
    ? "no_quota_for_model"
    : "daily_quota_exhausted";
}

/** Whole seconds until the first quota-parked key is free; from Gemini's hints when nothing was parked. */
function retryAfterSeconds(
  parks: readonly Park[],
  failures: readonly UpstreamError[],
  now: number,
): number {
  const waits = parks.map((park) => (park.until - now) / 1000);
  if (waits.length === 0) {
    waits.push(...failures.map((failure) => failure.retryAfterSeconds ?? 60));
  }
  return Math.max(1, Math.ceil(Math.min(...waits)));
}

/** "3 of 6 keys tried (2 rate-limited, 1 overloaded); 3 parked, not called (3 daily_quota_exhausted)." */
function describe(call: FailedCall): string {
  const tally = (names: readonly string[]) => {
    const counts = new Map<string, number>();
    for (const name of names) counts.set(name, (counts.get(name) ?? 0) + 1);
    return [...counts].map(([name, count]) => `${count} ${name}`).join(", ");
  };
  const tried = call.failures.length;
  let text = `${tried} of ${call.keyCount} ${keys(call.keyCount)} tried`;
  if (tried > 0) text += ` (${tally(call.failures.map((failure) => failure.fault))})`;
  if (call.skipped.length > 0) {
    text += `; ${call.skipped.length} parked, not called (${tally(call.skipped.map((park) => park.reason))})`;
  }
  return `${text}.`;
}
