import { ApiError, unauthorized } from "./api-error.ts";
import { constantTimeEqual } from "./constant-time.ts";

/** The token of an `Authorization: Bearer <token>` header; the scheme is case-insensitive. */
export function readBearerToken(header: string | null | undefined): string | null {
  if (!header) return null;
  const match = /^\s*bearer\s+(.+?)\s*$/i.exec(header);
  return match?.[1] ?? null;
}

/**
 * Throws unless the request carries the expected bearer. With no expected secret configured the
 * caller decides: the backend fails closed, the orchestrator may skip the check.
 */
export function assertBearer(header: string | null | undefined, expected: string) {
  const token = readBearerToken(header);
  // Compare even when the header is missing, so both paths take the same time.
  const matches = constantTimeEqual(token ?? "", expected);
  if (token === null || !matches) throw unauthorized();
}

/**
 * Like assertBearer, for clients that may send the secret as `x-api-key` (Anthropic's SDKs and
 * Claude Code) instead of `Authorization: Bearer`; a bearer token wins when both are sent.
 */
export function assertPassHeader(
  authorization: string | null | undefined,
  apiKey: string | null | undefined,
  expected: string,
) {
  const token = readBearerToken(authorization) ?? (apiKey?.trim() || null);
  const matches = constantTimeEqual(token ?? "", expected);
  if (token === null || !matches)
    throw unauthorized("Invalid or missing API key (x-api-key or bearer token).");
}

export const passNotConfigured = () =>
  new ApiError(500, "PASS is not configured: set the PASS secret on this worker.", {
    code: "pass_not_configured",
  });
