import { ApiError } from "./api-error.ts";
import { BoundedMap } from "./bounded-map.ts";
import { constantTimeEqual } from "./constant-time.ts";
import { looksLikeToken, type TokenClaims, verifyToken } from "./user-token.ts";

/** Who a request comes from: the holder of `PASS` (the admin), or a per-user token's holder. */
export type Principal = { kind: "admin" } | { kind: "token"; claims: TokenClaims };

/** The settings authentication reads from a worker's environment. */
export interface AuthEnv {
  PASS?: unknown;
  /** The secret per-user tokens are signed with; unset → only PASS is accepted. */
  TOKEN_SECRET?: unknown;
  /** Ids of revoked tokens, separated by commas or white space. */
  REVOKED_TOKENS?: unknown;
  [name: string]: unknown;
}

/** How a surface words the two refusals whose text depends on the header its clients use. */
export interface Refusals {
  missing: () => ApiError;
  invalid: () => ApiError;
}

const text = (value: unknown) => (typeof value === "string" && value !== "" ? value : null);

/**
 * Checks the credential a request presented: PASS (compared in constant time) makes the admin; a
 * token signed with TOKEN_SECRET, unexpired and not revoked, makes its holder. Anything else is a
 * 401 — worded by the surface for a missing or wrong credential, and saying so for an expired or
 * revoked token (its holder needs a new one, not a typo fixed). The presented value is never
 * echoed.
 */
export async function authenticate(
  env: AuthEnv,
  presented: string | null,
  refusals: Refusals,
  now = Date.now(),
): Promise<Principal> {
  const pass = text(env.PASS);
  // Compared even when nothing was presented, so both paths take the same time.
  const isPass = pass !== null && constantTimeEqual(presented ?? "", pass) && presented !== null;
  if (isPass) return { kind: "admin" };
  if (presented === null) throw refusals.missing();
  const secret = text(env.TOKEN_SECRET);
  if (secret === null || !looksLikeToken(presented)) throw refusals.invalid();
  const claims = await verifyToken(presented, secret);
  if (!claims) throw refusals.invalid();
  if (claims.exp !== undefined && claims.exp * 1000 <= now) {
    throw new ApiError(
      401,
      `This token expired at ${new Date(claims.exp * 1000).toISOString()}; ask the gateway's owner for a new one.`,
      { code: "token_expired" },
    );
  }
  if (revokedIds(env.REVOKED_TOKENS).has(claims.id)) {
    throw new ApiError(401, "This token has been revoked; ask the gateway's owner for a new one.", {
      code: "token_revoked",
    });
  }
  return { kind: "token", claims };
}

/** REVOKED_TOKENS values seen by this isolate (one per deployment, a few while it changes). */
const revokedSets = new BoundedMap<string, Set<string>>(4);

/** REVOKED_TOKENS as a set, parsed once per value and isolate. */
function revokedIds(value: unknown): Set<string> {
  const list = typeof value === "string" ? value : "";
  let ids = revokedSets.get(list);
  if (!ids) {
    ids = new Set(list.split(/[\s,]+/).filter((id) => id !== ""));
    revokedSets.set(list, ids);
  }
  return ids;
}

/** How logs and usage data name a principal: `admin`, or the token's label. */
export const principalLabel = (principal: Principal | undefined) =>
  principal === undefined ? "-" : principal.kind === "admin" ? "admin" : principal.claims.name;
