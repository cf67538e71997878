import type { Context, MiddlewareHandler } from "hono";
import { principalLabel } from "../../common/authenticate.ts";
import { FAILOVER_HEADER, OVERLOADED_CALLS_HEADER } from "../../common/backend-protocol.ts";
import { isGeminiNativeRequest } from "../../common/gemini-native-route.ts";
import { fingerprint, keyLabel } from "../../common/key-fingerprint.ts";
import { requestIdFor } from "../../common/request-id.ts";
import {
  isApiRequest,
  surfaceOf,
  type UsageDataset,
  usageDatasetOf,
  writeUsagePoint,
} from "../../common/usage-point.ts";
import { describeNotice, MODEL_STATUS_HEADER } from "../gemini/model-notice.ts";
import { discoverKeys } from "../pool/discover-keys.ts";
import { keyNames } from "../pool/key-names.ts";
import { RequestUsage } from "../usage/request-usage.ts";
import type { AppEnv } from "./app-env.ts";
import { setResponseHeaders } from "./response-headers.ts";

/**
 * Gives each request an id (the orchestrator's `x-request-id` when it sent one), echoes it, and
 * writes one structured log line when the response is ready: status, duration, the token's label
 * and the keys tried — named by the variable the user set them in (KEY_NAMES; else their index)
 * and fingerprint, never by value. With a usage dataset bound
 * (`USAGE`), it also writes the request's usage data point — for a stream, once it has ended.
 * The settings the gateway changed for the model are logged (`adjusted`) and sent back in
 * `x-router-adjusted` (src/gemini/conform-request.ts).
 */
export const ADJUSTED_HEADER = "x-router-adjusted";

export const requestLog: MiddlewareHandler<AppEnv> = async (c, next) => {
  const started = Date.now();
  const requestId = requestIdFor(c.req.raw);
  c.set("requestId", requestId);
  c.set("attempts", []);
  c.set("usage", new RequestUsage());
  c.set("adjustments", []);
  await next();
  const notice = c.var.modelNotice;
  const modelStatus = notice ? describeNotice(notice) : undefined;
  const adjusted = c.var.adjustments;
  setResponseHeaders(c, (headers) => {
    headers.set("x-request-id", requestId);
    if (modelStatus) headers.set(MODEL_STATUS_HEADER, modelStatus);
    if (adjusted.length > 0) headers.set(ADJUSTED_HEADER, adjusted.join(", "));
  });
  const keys = discoverKeys(c.env);
  const names = keyNames(c.env);
  let served = "";
  const attempts = await Promise.all(
    c.var.attempts.map(async (attempt) => {
      const key = keys.find((candidate) => candidate.index === attempt.keyIndex);
      const print = key ? await fingerprint(key.value) : null;
      if (attempt.outcome === "ok" && print) served = print;
      const label =
        print && key ? keyLabel(key.index, print, names.get(print)) : `key#${attempt.keyIndex}`;
      return `${label}:${attempt.outcome}`;
    }),
  );
  const principal = c.var.principal;
  console.log(
    JSON.stringify({
      requestId,
      method: c.req.method,
      path: c.req.path,
      ...(principal?.kind === "token" && { token: principal.claims.name }),
      status: c.res.status,
      durationMs: Date.now() - started,
      attempts,
      ...(modelStatus && { modelStatus }),
      ...(adjusted.length > 0 ? { adjusted } : {}),
    }),
  );
  const dataset = usageDatasetOf(c.env);
  if (dataset && isApiRequest(c.req.path) && !leftToOrchestrator(c)) {
    recordUsage(c, dataset, served, started);
  }
};

/**
 * An error this backend says another backend may fix is not the request's final answer when the
 * orchestrator sent it (it tries another backend, and records the answer itself if none serves).
 */
function leftToOrchestrator(c: Context<AppEnv>): boolean {
  return (
    c.res.headers.get(FAILOVER_HEADER) === "another-backend" &&
    c.req.header(OVERLOADED_CALLS_HEADER) !== undefined
  );
}

function recordUsage(
  c: Context<AppEnv>,
  dataset: UsageDataset,
  keyFingerprint: string,
  started: number,
) {
  const usage = c.var.usage;
  const principal = c.var.principal;
  const status = c.res.status;
  const waitUntil = (promise: Promise<unknown>) => {
    try {
      c.executionCtx.waitUntil(promise);
    } catch {
      // No execution context (a unit test calling the app directly): nothing to keep alive.
    }
  };
  const write = () =>
    writeUsagePoint(
      dataset,
      {
        token: principalLabel(principal),
        tokenId: principal?.kind === "token" ? principal.claims.id : "",
        surface: surfaceOf(
          c.req.path,
          isGeminiNativeRequest(c.req.method, new URL(c.req.url), c.req.raw.headers),
        ),
        modelAsked: usage.modelAsked,
        modelServed: usage.modelServed,
        keyFingerprint,
        worker: "backend",
        status,
        promptTokens: usage.promptTokens,
        completionTokens: usage.completionTokens,
        thinkingTokens: usage.thinkingTokens,
        latencyMs: Date.now() - started,
      },
      waitUntil,
    );
  // The answer is not delayed: a stream's point is written when it ends, after the client has it.
  if (usage.streamEnded) waitUntil(usage.streamEnded.then(write));
  else write();
}
