import type { Context } from "hono";
import { OVERLOADED_CALLS_HEADER, readCount } from "../../common/backend-protocol.ts";
import { secondsSetting } from "../../common/seconds-setting.ts";
import { modelAllowlistOf } from "../auth/model-allowlist.ts";
import { DEFAULT_GEMINI_BASE_URL, DEFAULT_UPSTREAM_TIMEOUT_S } from "../env.ts";
import type { AppEnv } from "../http/app-env.ts";
import { DEFAULT_KEEPALIVE_S } from "../stream/keep-alive.ts";
import { discoverKeys } from "./discover-keys.ts";
import { GeminiPool, type PoolOptions } from "./gemini-pool.ts";

/**
 * The pool of this worker's keys for one request: keys and upstream URL from its environment,
 * the isolate's health memory (or `options.memory`), and the "model overloaded" budget the
 * orchestrator says is spent.
 */
export function poolFor(c: Context<AppEnv>, options: Pick<PoolOptions, "memory"> = {}): GeminiPool {
  const keys = discoverKeys(c.env);
  const baseUrl =
    typeof c.env.GEMINI_BASE_URL === "string" && c.env.GEMINI_BASE_URL !== ""
      ? c.env.GEMINI_BASE_URL
      : DEFAULT_GEMINI_BASE_URL;
  return new GeminiPool(
    keys,
    {
      baseUrl,
      secrets: keys.map((key) => key.value),
      // The client going away aborts the upstream call (streamed or not), so Gemini stops billing.
      signal: c.req.raw.signal,
      timeoutMs: secondsSetting(c.env.UPSTREAM_TIMEOUT_S, DEFAULT_UPSTREAM_TIMEOUT_S),
      keepAliveMs: secondsSetting(c.env.STREAM_KEEPALIVE_S, DEFAULT_KEEPALIVE_S),
    },
    c.var.attempts,
    {
      ...options,
      overloadedSpent: readCount(c.req.header(OVERLOADED_CALLS_HEADER)),
      allowModel: modelAllowlistOf(c.var.principal),
      usage: c.var.usage,
      adjustments: c.var.adjustments,
    },
  );
}
