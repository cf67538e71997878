import { ApiError, unauthorized } from "./api-error.ts";
import { type AuthEnv, authenticate, type Principal, type Refusals } from "./authenticate.ts";

/** The token of an `Authorization: Bearer <token>` header; the scheme is case-insensitive. */
export function readBearerToken(header: string | null | undefined): string | null {
  if (!header) return null;
  const match = /^\s*bearer\s+(.+?)\s*$/i.exec(header);
  return match?.[1] ?? null;
}

const bearerRefusals: Refusals = { missing: () => unauthorized(), invalid: () => unauthorized() };

const apiKeyRefusal = () => unauthorized("Invalid or missing API key (x-api-key or bearer token).");
const apiKeyRefusals: Refusals = { missing: apiKeyRefusal, invalid: apiKeyRefusal };

/**
 * The principal behind `Authorization: Bearer <PASS or token>`; a 401 otherwise. With no PASS
 * configured the caller decides: the backend fails closed, the orchestrator may skip the check.
 */
export function authorizeBearer(
  env: AuthEnv,
  header: string | null | undefined,
): Promise<Principal> {
  return authenticate(env, readBearerToken(header), bearerRefusals);
}

/**
 * Like authorizeBearer, for clients that may send the credential as `x-api-key` (Anthropic's SDKs
 * and Claude Code) instead of `Authorization: Bearer`; a bearer token wins when both are sent.
 */
export function authorizeApiKey(
  env: AuthEnv,
  authorization: string | null | undefined,
  apiKey: string | null | undefined,
): Promise<Principal> {
  const token = readBearerToken(authorization) ?? (apiKey?.trim() || null);
  return authenticate(env, token, apiKeyRefusals);
}

export const passNotConfigured = () =>
  new ApiError(500, "PASS is not configured: set the PASS secret on this worker.", {
    code: "pass_not_configured",
  });
