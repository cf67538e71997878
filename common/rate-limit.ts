import { ApiError, serverError } from "./api-error.ts";
import type { Principal } from "./authenticate.ts";
import { BoundedMap } from "./bounded-map.ts";

/**
 * Per-token rate limits on Cloudflare's Rate Limiting binding. A binding's limit is fixed when it
 * is deployed, so the deployment offers a few (`RATE_LIMITS`, requests per minute, e.g.
 * `5,60,600`), one binding each (`RATE_LIMIT_<n>`, period 60 s), and a token names one (`rpm`).
 * The worker the deploy tooling gives `RATE_LIMITS` to enforces them — the orchestrator in
 * production, the preview backend in a preview — so each request is counted once.
 * https://developers.cloudflare.com/workers/runtime-apis/bindings/rate-limit/
 */
export const RATE_LIMIT_PERIOD_S = 60;
export const rateLimitBinding = (rpm: number) => `RATE_LIMIT_${rpm}`;

interface RateLimiter {
  limit(options: { key: string }): Promise<{ success: boolean }>;
}

/** RATE_LIMITS values seen by this isolate. */
const offered = new BoundedMap<string, number[]>(4);

/** `RATE_LIMITS` as numbers (invalid entries dropped), parsed once per value and isolate. */
export function offeredRateLimits(value: unknown): number[] {
  const text = typeof value === "string" ? value : "";
  let limits = offered.get(text);
  if (!limits) {
    limits = parseRateLimits(text);
    offered.set(text, limits);
  }
  return limits;
}

export function parseRateLimits(text: string): number[] {
  const limits = text
    .split(/[\s,]+/)
    .filter((part) => part !== "")
    .map(Number)
    .filter((value) => Number.isInteger(value) && value > 0);
  return [...new Set(limits)].sort((a, b) => a - b);
}

/**
 * Counts the request against its token's limit; a 429 with Retry-After once the minute's requests
 * are spent. Nothing happens for the admin, a token without `rpm`, or a worker without RATE_LIMITS.
 */
export async function enforceRateLimit(
  env: Record<string, unknown>,
  principal: Principal,
): Promise<void> {
  if (principal.kind !== "token" || principal.claims.rpm === undefined) return;
  if (typeof env.RATE_LIMITS !== "string" || env.RATE_LIMITS.trim() === "") return;
  const rpm = principal.claims.rpm;
  const limits = offeredRateLimits(env.RATE_LIMITS);
  if (!limits.includes(rpm)) {
    throw new ApiError(
      403,
      `This token's rate limit (${rpm} requests per minute) is not offered by this gateway (RATE_LIMITS: ${limits.join(", ")}); ask its owner for a new token.`,
      { code: "rate_limit_not_offered" },
    );
  }
  const limiter = env[rateLimitBinding(rpm)] as RateLimiter | undefined;
  if (typeof limiter?.limit !== "function") {
    throw serverError(
      `The ${rateLimitBinding(rpm)} binding is missing although RATE_LIMITS offers ${rpm}: redeploy with the deploy tooling.`,
      "rate_limit_binding_missing",
    );
  }
  const { success } = await limiter.limit({ key: principal.claims.id });
  if (!success) {
    throw new ApiError(
      429,
      `This token may send ${rpm} requests per minute; try again in a minute.`,
      { code: "rate_limit_exceeded", headers: { "retry-after": String(RATE_LIMIT_PERIOD_S) } },
    );
  }
}
