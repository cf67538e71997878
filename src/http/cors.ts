import type { MiddlewareHandler } from "hono";
import { corsResponseHeaders, isPreflight, preflightResponse } from "../../common/cors.ts";
import type { AppEnv } from "./app-env.ts";
import { setResponseHeaders } from "./response-headers.ts";

/**
 * The shared CORS rules (common/cors.ts) on the backend: preflights are answered here, before
 * auth and before any body is read; every other answer, errors included, carries the headers.
 */
export const corsMiddleware: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (isPreflight(c.req.raw)) return preflightResponse(c.req.raw, c.env.CORS_ORIGINS);
  const cors = corsResponseHeaders(c.req.header("origin") ?? null, c.env.CORS_ORIGINS);
  await next();
  // On whatever response followed: answers, errors and raw Responses (streams, pass-through).
  setResponseHeaders(c, (headers) => {
    for (const [name, value] of Object.entries(cors)) {
      if (name === "vary") headers.append(name, value);
      else headers.set(name, value);
    }
  });
};
