/**
 * The CORS rules of both workers, in one place. `CORS_ORIGINS` (comma-separated; unset, empty or
 * `*` = any origin) decides which browser origins may read answers. The orchestrator answers
 * preflights itself and sets these headers on every answer a browser gets, so its own
 * CORS_ORIGINS governs what clients see; a backend reached directly applies the same rules.
 */

/**
 * `*` in Access-Control-Allow-Headers does not cover Authorization, so the headers browsers send
 * with the openai, Anthropic and Google GenAI SDKs (and the AI SDK) are listed one by one.
 * Firefox preflights User-Agent, which those SDKs set.
 */
export const CORS_ALLOWED_HEADERS = [
  "Authorization",
  "Content-Type",
  "Accept",
  "User-Agent",
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
  // Google's upload protocol (files.upload from a browser).
  "X-Goog-Upload-Protocol",
  "X-Goog-Upload-Command",
  "X-Goog-Upload-Offset",
  "X-Goog-Upload-Header-Content-Length",
  "X-Goog-Upload-Header-Content-Type",
  "X-Goog-Upload-File-Name",
];

/** DELETE and PATCH: files.delete, caches.delete and caches.update of the native Gemini routes. */
export const CORS_ALLOWED_METHODS = ["GET", "POST", "PATCH", "DELETE", "OPTIONS"];
/** The upload protocol's answers must be readable: @google/genai reads the upload URL and status. */
export const CORS_EXPOSED_HEADERS = [
  "X-Request-Id",
  "Request-Id",
  "Retry-After",
  "X-Goog-Upload-Url",
  "X-Goog-Upload-Status",
  "X-Goog-Upload-Size-Received",
  "X-Goog-Upload-Chunk-Granularity",
  "X-Router-Adjusted",
];
const MAX_AGE_SECONDS = 86_400;

/** Whether answers differ by origin: only when CORS_ORIGINS lists origins. */
function listsOrigins(corsOrigins: unknown): boolean {
  const configured = typeof corsOrigins === "string" ? corsOrigins.trim() : "";
  return configured !== "" && configured !== "*";
}

/** The Access-Control-Allow-Origin value for `origin`, or null when it may not read answers. */
export function allowedOrigin(origin: string | null, corsOrigins: unknown): string | null {
  if (!origin) return null;
  if (!listsOrigins(corsOrigins)) return "*";
  const listed = String(corsOrigins)
    .split(",")
    .some((entry) => entry.trim() === origin);
  return listed ? origin : null;
}

/**
 * The CORS headers of an ordinary answer to a request from `origin`: none for a refused origin
 * (but `Vary: Origin` whenever the answer depends on it, so caches keep them apart).
 */
export function corsResponseHeaders(
  origin: string | null,
  corsOrigins: unknown,
): Record<string, string> {
  const headers: Record<string, string> = {};
  if (origin && listsOrigins(corsOrigins)) headers.vary = "Origin";
  const allowed = allowedOrigin(origin, corsOrigins);
  if (allowed) {
    headers["access-control-allow-origin"] = allowed;
    headers["access-control-expose-headers"] = CORS_EXPOSED_HEADERS.join(", ");
  }
  return headers;
}

/** A CORS preflight: OPTIONS with an Origin and the method the browser means to use. */
export function isPreflight(request: Request): boolean {
  return (
    request.method === "OPTIONS" &&
    request.headers.has("origin") &&
    request.headers.has("access-control-request-method")
  );
}

/**
 * The answer to a preflight, made without reading the request's body or asking anything else.
 * A refused origin gets a 204 without Allow-Origin: the browser then blocks the real request.
 */
export function preflightResponse(request: Request, corsOrigins: unknown): Response {
  const allowed = allowedOrigin(request.headers.get("origin"), corsOrigins);
  const headers: Record<string, string> = { vary: "Origin" };
  if (allowed) {
    headers["access-control-allow-origin"] = allowed;
    headers["access-control-allow-methods"] = CORS_ALLOWED_METHODS.join(", ");
    headers["access-control-allow-headers"] = CORS_ALLOWED_HEADERS.join(", ");
    headers["access-control-max-age"] = String(MAX_AGE_SECONDS);
  }
  return new Response(null, { status: 204, headers });
}

/**
 * `response` with exactly this worker's CORS headers: whatever CORS headers it carried (a
 * backend's, under the backend's own CORS_ORIGINS) are replaced. The body passes through.
 */
export function withCors(response: Response, origin: string | null, corsOrigins: unknown) {
  const copy = new Response(response.body, response);
  for (const name of [...copy.headers.keys()]) {
    if (name.startsWith("access-control-")) copy.headers.delete(name);
  }
  for (const [name, value] of Object.entries(corsResponseHeaders(origin, corsOrigins))) {
    if (name === "vary") appendVary(copy.headers, value);
    else copy.headers.set(name, value);
  }
  return copy;
}

function appendVary(headers: Headers, value: string) {
  const vary = headers.get("vary");
  const present = vary?.split(",").some((entry) => entry.trim().toLowerCase() === "origin");
  if (!present) headers.set("vary", vary ? `${vary}, ${value}` : value);
}
