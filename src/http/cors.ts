import { cors } from "hono/cors";
import type { AppEnv } from "./app-env.ts";

/**
 * `*` in Access-Control-Allow-Headers does not cover Authorization, so the headers browsers send
 * with the openai SDK are listed one by one.
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
];

export const corsMiddleware = cors({
  origin: (origin, c) => {
    const configured = (c.env as AppEnv["Bindings"]).CORS_ORIGINS?.trim() || "*";
    if (configured === "*") return "*";
    const allowed = configured.split(",").map((entry) => entry.trim());
    return allowed.includes(origin) ? origin : null;
  },
  allowMethods: ["GET", "POST", "OPTIONS"],
  allowHeaders: ALLOWED_HEADERS,
  exposeHeaders: ["X-Request-Id", "Retry-After"],
  maxAge: 86_400,
});
