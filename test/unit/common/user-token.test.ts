import { describe, expect, it } from "vitest";
import { unauthorized } from "../../../common/api-error.ts";
import { authenticate } from "../../../common/authenticate.ts";
import { modelMatches } from "../../../common/model-glob.ts";
import { readTokenClaims, signToken, verifyToken } from "../../../common/user-token.ts";

const SECRET = "unit-token-secret-0123456789abcdef0123456789";
const claims = { id: "abc123", name: "alice", iat: 1_800_000_000, models: ["gemini-3*"] };
const refusals = { missing: () => unauthorized("missing"), invalid: () => unauthorized("invalid") };

describe("per-user tokens", () => {
  it("verify under their secret and carry their claims", async () => {
    const token = await signToken(claims, SECRET);
    expect(token).toMatch(/^zr1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(await verifyToken(token, SECRET)).toEqual(claims);
    expect(readTokenClaims(token)).toEqual(claims);
  });

  it("do not verify when altered, truncated or signed with another secret", async () => {
    const token = await signToken(claims, SECRET);
    const [prefix, body, signature] = token.split(".") as [string, string, string];
    const widened = Buffer.from(JSON.stringify({ ...claims, models: ["*"] })).toString("base64url");
    for (const bad of [
      `${prefix}.${widened}.${signature}`,
      token.slice(0, -1),
      `${prefix}.${body}.`,
      `${prefix}.${body}`,
      "zr1.",
      "zr1.!!!.???",
      await signToken(claims, `${SECRET}x`),
    ]) {
      expect(await verifyToken(bad, SECRET)).toBeNull();
    }
  });

  it("authenticate: PASS is the admin, a valid token its holder, the rest a 401", async () => {
    const env = { PASS: "the-pass", TOKEN_SECRET: SECRET, REVOKED_TOKENS: "gone1 gone2" };
    const token = await signToken(claims, SECRET);
    await expect(authenticate(env, "the-pass", refusals)).resolves.toEqual({ kind: "admin" });
    await expect(authenticate(env, token, refusals)).resolves.toEqual({ kind: "token", claims });
    await expect(authenticate(env, null, refusals)).rejects.toThrow("missing");
    await expect(authenticate(env, "the-pas", refusals)).rejects.toThrow("invalid");
    // Without TOKEN_SECRET, tokens are not accepted at all.
    await expect(authenticate({ PASS: "the-pass" }, token, refusals)).rejects.toThrow("invalid");
    const expired = await signToken({ ...claims, exp: 1_800_000_100 }, SECRET);
    await expect(authenticate(env, expired, refusals, 1_800_000_100_000)).rejects.toMatchObject({
      status: 401,
      code: "token_expired",
    });
    await expect(authenticate(env, expired, refusals, 1_800_000_099_000)).resolves.toBeTruthy();
    const revoked = await signToken({ ...claims, id: "gone2" }, SECRET);
    await expect(authenticate(env, revoked, refusals)).rejects.toMatchObject({
      code: "token_revoked",
    });
  });

  it("model globs match whole ids, * standing for any run and nothing else being special", () => {
    expect(modelMatches("gemini-3-flash-preview", ["gemini-3*"])).toBe(true);
    expect(modelMatches("models/gemini-3-flash-preview", ["gemini-3-flash*"])).toBe(true);
    expect(modelMatches("gemini-3.1-pro-preview", ["gemini-3-*"])).toBe(false);
    expect(modelMatches("gemini-3x1-pro", ["gemini-3.1-pro"])).toBe(false);
    expect(modelMatches("gemini-3.1-pro", ["gemini-3.1-pro"])).toBe(true);
    expect(modelMatches("xgemini-3", ["gemini-3"])).toBe(false);
    expect(modelMatches("gemini-4-neon", ["gemini-3*", "*-neon"])).toBe(true);
  });
});
