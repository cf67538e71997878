import type { MiddlewareHandler } from "hono";
import { fingerprint, keyLabel } from "../../common/key-fingerprint.ts";
import { requestIdFor } from "../../common/request-id.ts";
import { discoverKeys } from "../pool/discover-keys.ts";
import type { AppEnv } from "./app-env.ts";
import { setResponseHeaders } from "./response-headers.ts";

/**
 * Gives each request an id (the orchestrator's `x-request-id` when it sent one), echoes it, and
 * writes one structured log line when the response is ready: status, duration and the keys tried
 * — named by index and fingerprint, never by value.
 */
export const requestLog: MiddlewareHandler<AppEnv> = async (c, next) => {
  const started = Date.now();
  const requestId = requestIdFor(c.req.raw);
  c.set("requestId", requestId);
  c.set("attempts", []);
  await next();
  setResponseHeaders(c, (headers) => headers.set("x-request-id", requestId));
  const keys = discoverKeys(c.env);
  const attempts = await Promise.all(
    c.var.attempts.map(async (attempt) => {
      const key = keys.find((candidate) => candidate.index === attempt.keyIndex);
      const label = key
        ? keyLabel(key.index, await fingerprint(key.value))
        : `key#${attempt.keyIndex}`;
      return `${label}:${attempt.outcome}`;
    }),
  );
  console.log(
    JSON.stringify({
      requestId,
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      durationMs: Date.now() - started,
      attempts,
    }),
  );
};
