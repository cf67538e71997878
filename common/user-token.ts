import { BoundedMap } from "./bounded-map.ts";

/**
 * Per-user tokens: a credential that is its own record. The claims (who, which models, until when,
 * which rate limit) travel inside the token, signed with HMAC-SHA-256 under `TOKEN_SECRET`, so a
 * worker checks one with no storage. Rotating `TOKEN_SECRET` revokes every token at once; single
 * tokens are revoked by id (`REVOKED_TOKENS`).
 *
 * Format: `zr1.<claims: base64url of JSON>.<signature: base64url of HMAC-SHA-256(secret, "zr1." + claims)>`.
 * Only characters every client accepts in an API key (`A-Z a-z 0-9 - _ .`): it is sent as a bearer
 * token, `x-api-key`, `x-goog-api-key` or `?key=`.
 */
export const TOKEN_PREFIX = "zr1.";

export interface TokenClaims {
  /** Random id: what the usage data and `REVOKED_TOKENS` name. */
  id: string;
  /** A label for people (a colleague, an app): shown in logs and usage. */
  name: string;
  /** Globs over the Gemini model that serves a request (`*` any run of characters); absent = all. */
  models?: string[];
  /** Expiry, seconds since the epoch; absent = never. */
  exp?: number;
  /** Requests per minute: one of the deployment's `RATE_LIMITS`; absent = unlimited. */
  rpm?: number;
  /** Issued at, seconds since the epoch. */
  iat: number;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function toBase64Url(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** Null when `text` is not base64url. */
export function fromBase64Url(text: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

/** HMAC keys, imported once per secret and isolate (at most a few secrets are ever in use). */
const hmacKeys = new BoundedMap<string, Promise<CryptoKey>>(4);

function hmacKey(secret: string): Promise<CryptoKey> {
  let key = hmacKeys.get(secret);
  if (!key) {
    key = crypto.subtle.importKey(
      "raw",
      encoder.encode(secret),
      { name: "HMAC", hash: "SHA-256" },
      false,
      ["sign", "verify"],
    );
    hmacKeys.set(secret, key);
  }
  return key;
}

/** The token for `claims`, signed with `secret`. */
export async function signToken(claims: TokenClaims, secret: string): Promise<string> {
  const signed = TOKEN_PREFIX + toBase64Url(encoder.encode(JSON.stringify(claims)));
  const signature = await crypto.subtle.sign("HMAC", await hmacKey(secret), encoder.encode(signed));
  return `${signed}.${toBase64Url(new Uint8Array(signature))}`;
}

/** True when `value` has the form of a token (it may still be forged). */
export const looksLikeToken = (value: string) => value.startsWith(TOKEN_PREFIX);

/** The claims of a token, WITHOUT checking its signature (for `tokens inspect`); null if malformed. */
export function readTokenClaims(token: string): TokenClaims | null {
  return splitToken(token)?.claims ?? null;
}

/**
 * The claims of a token whose signature `secret` made; null for anything else (malformed, forged,
 * signed with another secret). The signature is checked by Web Crypto's `verify`, which compares
 * in constant time. Expiry and revocation are the caller's: see authenticate.ts.
 */
export async function verifyToken(token: string, secret: string): Promise<TokenClaims | null> {
  const parts = splitToken(token);
  if (!parts) return null;
  const valid = await crypto.subtle.verify(
    "HMAC",
    await hmacKey(secret),
    parts.signature,
    encoder.encode(parts.signed),
  );
  return valid ? parts.claims : null;
}

function splitToken(
  token: string,
): { signed: string; signature: Uint8Array<ArrayBuffer>; claims: TokenClaims } | null {
  if (!looksLikeToken(token) || token.length > 4096) return null;
  const dot = token.lastIndexOf(".");
  if (dot <= TOKEN_PREFIX.length) return null;
  const signed = token.slice(0, dot);
  const claimBytes = fromBase64Url(signed.slice(TOKEN_PREFIX.length));
  const signature = fromBase64Url(token.slice(dot + 1));
  if (!claimBytes || !signature || signature.length !== 32) return null;
  let claims: unknown;
  try {
    claims = JSON.parse(decoder.decode(claimBytes));
  } catch {
    return null;
  }
  return isClaims(claims) ? { signed, signature, claims } : null;
}

function isClaims(value: unknown): value is TokenClaims {
  if (typeof value !== "object" || value === null) return false;
  const claims = value as Record<string, unknown>;
  const optionalNumber = (name: string) =>
    claims[name] === undefined ||
    (typeof claims[name] === "number" && Number.isFinite(claims[name]));
  return (
    typeof claims.id === "string" &&
    typeof claims.name === "string" &&
    typeof claims.iat === "number" &&
    optionalNumber("exp") &&
    optionalNumber("rpm") &&
    (claims.models === undefined ||
      (Array.isArray(claims.models) && claims.models.every((glob) => typeof glob === "string")))
  );
}
