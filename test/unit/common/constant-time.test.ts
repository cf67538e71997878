import { describe, expect, it } from "vitest";
import { authorizeApiKey, authorizeBearer } from "../../../common/bearer.ts";
import { constantTimeEqual } from "../../../common/constant-time.ts";

describe("constantTimeEqual", () => {
  const pass = "correct horse battery staple";

  it("is true only for the very same secret", () => {
    expect(constantTimeEqual(pass, pass)).toBe(true);
    expect(constantTimeEqual(`${pass} `, pass)).toBe(false);
    expect(constantTimeEqual(pass.slice(0, -1), pass)).toBe(false);
    expect(constantTimeEqual(pass.replace("h", "H"), pass)).toBe(false);
    expect(constantTimeEqual("", pass)).toBe(false);
    expect(constantTimeEqual(pass, "")).toBe(false);
    expect(constantTimeEqual("", "")).toBe(true);
  });

  it("tells apart secrets that differ only past the shorter one's end, or by a NUL", () => {
    expect(constantTimeEqual(`${pass}\u0000`, pass)).toBe(false);
    expect(constantTimeEqual(pass, `${pass}\u0000`)).toBe(false);
  });

  it("compares bytes, not UTF-16 units", () => {
    expect(constantTimeEqual("pässwört", "pässwört")).toBe(true);
    expect(constantTimeEqual("pässwört", "passwort")).toBe(false);
  });
});

describe("the PASS checks built on it", () => {
  it("accept the bearer or x-api-key that matches, and refuse the rest with a 401", async () => {
    const env = { PASS: "s3cret" };
    await expect(authorizeBearer(env, "Bearer s3cret")).resolves.toEqual({ kind: "admin" });
    await expect(authorizeBearer(env, "bearer   s3cret  ")).resolves.toEqual({ kind: "admin" });
    await expect(authorizeBearer(env, "Bearer s3cre")).rejects.toMatchObject({ status: 401 });
    await expect(authorizeBearer(env, undefined)).rejects.toMatchObject({ status: 401 });
    await expect(authorizeApiKey(env, null, "s3cret")).resolves.toEqual({ kind: "admin" });
    await expect(authorizeApiKey(env, "Bearer wrong", "s3cret")).rejects.toMatchObject({
      status: 401,
    });
  });
});
