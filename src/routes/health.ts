import type { Context } from "hono";
import type { AppEnv } from "../http/app-env.ts";
import { discoverKeys } from "../pool/discover-keys.ts";
import { isolateHealthMemory } from "../pool/health-memory.ts";

/**
 * `GET /health`, without auth: is the worker up, how many keys does it hold, and how many of them
 * this isolate has parked, by reason. Liveness and counts only — never key material, fingerprints
 * or how the worker is configured (e.g. whether PASS is set).
 */
export function health(c: Context<AppEnv>) {
  const keys = discoverKeys(c.env);
  const { healthy, parked } = isolateHealthMemory.summary(keys.map((key) => key.value));
  return c.json({
    status: "ok",
    keys: keys.length,
    pool: { healthy, parked },
  });
}
