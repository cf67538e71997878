import type { Context } from "hono";
import type { AppEnv } from "../http/app-env.ts";
import { discoverKeys } from "../pool/discover-keys.ts";

/** `GET /health`, without auth: is the worker up, and how many keys does it hold. Never key material. */
export function health(c: Context<AppEnv>) {
  return c.json({
    status: "ok",
    keys: discoverKeys(c.env).length,
    passConfigured: typeof c.env.PASS === "string" && c.env.PASS !== "",
  });
}
