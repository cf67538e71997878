import type { MiddlewareHandler } from "hono";
import { passNotConfigured } from "../../../common/bearer.ts";
import { authorizeGoogleStyle } from "../../../common/client-credential.ts";
import { isGeminiNativeRequest } from "../../../common/gemini-native-route.ts";
import { geminiErrorRendererFor } from "../../../common/interactions-error.ts";
import { admit } from "../../auth/admit.ts";
import type { AppEnv } from "../../http/app-env.ts";

/**
 * The surface's first middleware: errors from here on are rendered in Gemini's shape, and the
 * client must present the gateway's PASS the way Google's clients send a key — `x-goog-api-key`,
 * `?key=` — or as `Authorization: Bearer`. The credential is only compared, never forwarded: the
 * pooled key replaces it upstream. With no PASS set, nothing is served (fail closed).
 */
export const geminiSurface: MiddlewareHandler<AppEnv> = async (c, next) => {
  // The Interactions API has its own error shape; the rest of the API google.rpc's.
  c.set("renderError", geminiErrorRendererFor(c.req.path));
  const pass = c.env.PASS;
  if (typeof pass !== "string" || pass === "") throw passNotConfigured();
  await admit(c, authorizeGoogleStyle(c.env, c.req.raw.headers, new URL(c.req.url)));
  await next();
};

/**
 * Runs `handler` only for requests of this surface (see isGeminiNativeRequest); others go on to
 * the next surface mounted on the same prefix — `/v1/models` is also the OpenAI surface's route.
 */
export const forGeminiNative =
  (handler: MiddlewareHandler<AppEnv>): MiddlewareHandler<AppEnv> =>
  (c, next) =>
    isGeminiNativeRequest(c.req.method, new URL(c.req.url), c.req.raw.headers)
      ? handler(c, next)
      : next();
