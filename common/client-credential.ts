import { ApiError } from "./api-error.ts";
import { constantTimeEqual } from "./constant-time.ts";

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

/**
 * Throws a 401 unless the request presents `expected` in one of the accepted ways. The presented
 * value is only compared (in constant time), never echoed or forwarded.
 */
export function assertPresentedPass(headers: Headers, url: URL, expected: string) {
  const credential = presentedCredential(headers, url);
  // Compare even when nothing was presented, so both paths take the same time.
  const matches = constantTimeEqual(credential?.token ?? "", expected);
  if (credential === null) {
    throw new ApiError(
      401,
      "Missing API key: send the gateway's PASS as the x-goog-api-key header, the key query parameter, or Authorization: Bearer.",
      { code: "unauthenticated" },
    );
  }
  if (!matches) {
    throw new ApiError(401, "API key not valid: send the gateway's PASS as your Gemini API key.", {
      code: "unauthenticated",
    });
  }
}
