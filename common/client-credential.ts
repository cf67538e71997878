import { ApiError } from "./api-error.ts";
import { type AuthEnv, authenticate, type Principal, type Refusals } from "./authenticate.ts";

/**
 * The secret a client presents, in any of the ways clients send one: Google's clients send
 * `x-goog-api-key: <key>` or `?key=<key>`, OpenAI-style clients `Authorization: Bearer <token>`.
 */
export type CredentialSource = "x-goog-api-key" | "key-parameter" | "bearer";

export interface PresentedCredential {
  source: CredentialSource;
  token: string;
}

/** True when the client authenticates as a Google client does (`x-goog-api-key` or `?key=`). */
export function hasGoogleCredential(headers: Headers, url: URL): boolean {
  return headers.has("x-goog-api-key") || url.searchParams.has("key");
}

/**
 * The credential a request carries, looked up in this order: `x-goog-api-key`, `?key=`, then the
 * bearer token (scheme case-insensitive). Null when it carries none.
 */
export function presentedCredential(headers: Headers, url: URL): PresentedCredential | null {
  const header = headers.get("x-goog-api-key");
  if (header !== null) return { source: "x-goog-api-key", token: header.trim() };
  const parameter = url.searchParams.get("key");
  if (parameter !== null) return { source: "key-parameter", token: parameter.trim() };
  const bearer = /^\s*bearer\s+(.+?)\s*$/i.exec(headers.get("authorization") ?? "")?.[1];
  return bearer ? { source: "bearer", token: bearer } : null;
}

const googleRefusals: Refusals = {
  missing: () =>
    new ApiError(
      401,
      "Missing API key: send the gateway's PASS (or your token) as the x-goog-api-key header, the key query parameter, or Authorization: Bearer.",
      { code: "unauthenticated" },
    ),
  invalid: () =>
    new ApiError(
      401,
      "API key not valid: send the gateway's PASS (or your token) as your Gemini API key.",
      {
        code: "unauthenticated",
      },
    ),
};

/**
 * The principal behind the credential a request presents in any of the accepted ways; a 401
 * otherwise. The presented value is only compared or verified, never echoed or forwarded.
 */
export function authorizeGoogleStyle(env: AuthEnv, headers: Headers, url: URL): Promise<Principal> {
  return authenticate(env, presentedCredential(headers, url)?.token ?? null, googleRefusals);
}
