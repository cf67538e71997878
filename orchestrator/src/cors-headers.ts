/**
 * CORS headers for the errors the orchestrator answers itself (401, 413, 503…), so a browser
 * client can read them like the backends' own answers. Preflights are forwarded to a backend.
 * `CORS_ORIGINS` (comma-separated, default `*`) works as on the backends.
 */
export function corsHeadersFor(
  request: Request,
  env: Record<string, unknown>,
): Record<string, string> {
  const origin = request.headers.get("origin");
  if (!origin) return {};
  const configured = typeof env.CORS_ORIGINS === "string" ? env.CORS_ORIGINS.trim() : "";
  const exposed = { "access-control-expose-headers": "X-Request-Id, Retry-After" };
  if (configured === "" || configured === "*") {
    return { "access-control-allow-origin": "*", ...exposed };
  }
  const allowed = configured.split(",").map((entry) => entry.trim());
  if (!allowed.includes(origin)) return {};
  return { "access-control-allow-origin": origin, vary: "Origin", ...exposed };
}
