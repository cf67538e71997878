import type { MiddlewareHandler } from "hono";
import { assertBearer, passNotConfigured } from "../../common/bearer.ts";
import type { AppEnv } from "./app-env.ts";

/** Every client must send `Authorization: Bearer <PASS>`. With no PASS set, nothing is served (fail closed). */
export const requirePass: MiddlewareHandler<AppEnv> = async (c, next) => {
  const pass = c.env.PASS;
  if (typeof pass !== "string" || pass === "") throw passNotConfigured();
  await assertBearer(c.req.header("authorization"), pass);
  await next();
};
