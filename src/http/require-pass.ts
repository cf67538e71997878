import type { MiddlewareHandler } from "hono";
import { FAILOVER_HEADER } from "../../common/backend-protocol.ts";
import { authorizeBearer, passNotConfigured } from "../../common/bearer.ts";
import { admit } from "../auth/admit.ts";
import type { AppEnv } from "./app-env.ts";

/**
 * Every client must send `Authorization: Bearer <PASS or a per-user token>`. With no PASS set,
 * nothing is served (fail closed) — a misconfigured backend, so the orchestrator may try a
 * well-configured one.
 */
export const requirePass: MiddlewareHandler<AppEnv> = async (c, next) => {
  const pass = c.env.PASS;
  if (typeof pass !== "string" || pass === "") {
    const error = passNotConfigured();
    error.headers[FAILOVER_HEADER] = "another-backend";
    throw error;
  }
  await admit(c, authorizeBearer(c.env, c.req.header("authorization")));
  await next();
};
