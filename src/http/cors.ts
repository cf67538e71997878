import type { MiddlewareHandler } from "hono";
import { corsResponseHeaders, isPreflight, preflightResponse } from "../../common/cors.ts";
import type { AppEnv } from "./app-env.ts";

/**
 * The shared CORS rules (common/cors.ts) on the backend: preflights are answered here, before
 * auth and before any body is read; every other answer, errors included, carries the headers.
 */
export const corsMiddleware: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (isPreflight(c.req.raw)) return preflightResponse(c.req.raw, c.env.CORS_ORIGINS);
  const headers = corsResponseHeaders(c.req.header("origin") ?? null, c.env.CORS_ORIGINS);
  // Set on the response Hono holds before the handler runs: Hono copies them onto whatever
  // response follows, errors and raw Responses (streams, pass-through) included.
  for (const [name, value] of Object.entries(headers)) {
    if (name === "vary") c.res.headers.append(name, value);
    else c.res.headers.set(name, value);
  }
  await next();
};
