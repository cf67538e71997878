import type { MiddlewareHandler } from "hono";
import { cors } from "hono/cors";
import type { AppEnv } from "./app-env.ts";

/**
 * `*` in Access-Control-Allow-Headers does not cover Authorization, so the headers browsers send
 * with the openai, Anthropic and Google GenAI SDKs are listed one by one.
 */
const ALLOWED_HEADERS = [
  "Authorization",
  "Content-Type",
  "Accept",
  "OpenAI-Organization",
  "OpenAI-Project",
  "OpenAI-Beta",
  "X-Request-Id",
  "X-Stainless-Arch",
  "X-Stainless-Lang",
  "X-Stainless-OS",
  "X-Stainless-Package-Version",
  "X-Stainless-Retry-Count",
  "X-Stainless-Runtime",
  "X-Stainless-Runtime-Version",
  "X-Stainless-Timeout",
  "X-Stainless-Async",
  "X-Stainless-Helper-Method",
  "X-Stainless-Poll-Helper",
  "X-Api-Key",
  "Anthropic-Version",
  "Anthropic-Beta",
  "Anthropic-Dangerous-Direct-Browser-Access",
  // What @google/genai sends from a browser to the native Gemini routes.
  "X-Goog-Api-Key",
  "X-Goog-Api-Client",
  "X-Server-Timeout",
];

const shared = {
  allowMethods: ["GET", "POST", "OPTIONS"],
  allowHeaders: ALLOWED_HEADERS,
  exposeHeaders: ["X-Request-Id", "Request-Id", "Retry-After"],
  maxAge: 86_400,
};

/** Any origin (the default): the answer does not vary by origin. */
const anyOrigin = cors({ ...shared, origin: "*" });

/** Only the origins listed in CORS_ORIGINS (the answer then varies by origin). */
const listedOrigins = cors({
  ...shared,
  origin: (origin, c) => {
    const allowed = ((c.env as AppEnv["Bindings"]).CORS_ORIGINS ?? "").split(",");
    return allowed.some((entry) => entry.trim() === origin) ? origin : null;
  },
});

export const corsMiddleware: MiddlewareHandler<AppEnv> = (c, next) => {
  const configured = c.env.CORS_ORIGINS?.trim();
  return !configured || configured === "*" ? anyOrigin(c, next) : listedOrigins(c, next);
};
