import type { Context } from "hono";
import type { Principal } from "../../common/authenticate.ts";
import { enforceRateLimit } from "../../common/rate-limit.ts";
import type { AppEnv } from "../http/app-env.ts";

/**
 * What every surface does with the principal its credential check found: remember it for the
 * pool (a token's model list) and the request log, and count the request against the token's
 * rate limit where this worker enforces one.
 */
export async function admit(c: Context<AppEnv>, principal: Promise<Principal>): Promise<void> {
  const admitted = await principal;
  c.set("principal", admitted);
  await enforceRateLimit(c.env, admitted);
}
