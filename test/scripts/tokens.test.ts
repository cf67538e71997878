import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { verifyToken } from "../../common/user-token.ts";
import { createToken, parseExpiry, parseModelGlobs } from "../../scripts/tokens.ts";

const run = promisify(execFile);
const SECRET = "script-token-secret-0123456789abcdef0123456789";
const NOW = Date.parse("2026-12-06T00:00:00Z");

describe("npm run tokens", () => {
  it("create signs the claims it is given with TOKEN_SECRET", async () => {
    const { token, claims } = await createToken(
      {
        name: "ci-bot",
        models: "gemini-3*-flash*, models/gemini-4-neon",
        expires: "30d",
        rpm: "60",
      },
      { TOKEN_SECRET: SECRET, RATE_LIMITS: "5,60,600" },
      NOW,
    );
    expect(claims).toMatchObject({
      name: "ci-bot",
      models: ["gemini-3*-flash*", "gemini-4-neon"],
      exp: NOW / 1000 + 30 * 86_400,
      rpm: 60,
      iat: NOW / 1000,
    });
    expect(claims.id).toMatch(/^[0-9a-f]{16}$/);
    expect(await verifyToken(token, SECRET)).toEqual(claims);
  });

  it("refuses what the gateway could not honour, naming the choices", async () => {
    const env = { TOKEN_SECRET: SECRET, RATE_LIMITS: "5,60" };
    await expect(createToken({ name: "x", rpm: "7" }, env)).rejects.toThrow(
      "--rpm 7 is not offered; choose one of RATE_LIMITS: 5, 60.",
    );
    await expect(createToken({ name: "x", rpm: "5" }, { TOKEN_SECRET: SECRET })).rejects.toThrow(
      "offers no rate limits",
    );
    await expect(createToken({}, env)).rejects.toThrow("--name is required");
    await expect(createToken({ name: "x" }, {})).rejects.toThrow("TOKEN_SECRET is not set");
    await expect(createToken({ name: "x" }, { TOKEN_SECRET: "short" })).rejects.toThrow(
      "shorter than 32",
    );
    expect(() => parseModelGlobs("gemini-3*, bad glob")).toThrow("is not a model glob");
    expect(() => parseExpiry("yesterday", NOW)).toThrow("--expires");
    expect(() => parseExpiry("2020-01-01", NOW)).toThrow("--expires");
    expect(parseExpiry("2027-06-30", NOW)).toBe(Date.parse("2027-06-30") / 1000);
    expect(parseExpiry("12h", NOW)).toBe(NOW / 1000 + 43_200);
  });

  it("prints the token alone on stdout, never the secret, and inspect reads it back", async () => {
    const env = { ...process.env, TOKEN_SECRET: SECRET, RATE_LIMITS: "60" };
    const created = await run(
      process.execPath,
      ["scripts/tokens.ts", "--", "create", "--name", "alice", "--rpm", "60"],
      { env },
    );
    const token = created.stdout.trim();
    expect(token).toMatch(/^zr1\.\S+$/);
    expect(created.stderr).toContain("name:    alice");
    expect(created.stdout + created.stderr).not.toContain(SECRET);
    const inspected = await run(process.execPath, ["scripts/tokens.ts", "--", "inspect", token], {
      env,
    });
    expect(inspected.stdout).toContain("rpm:     60");
    expect(inspected.stdout).toContain("signature: valid for this TOKEN_SECRET");
    const elsewhere = await run(process.execPath, ["scripts/tokens.ts", "--", "inspect", token], {
      env: { ...env, TOKEN_SECRET: `${SECRET}-rotated` },
    });
    expect(elsewhere.stdout).toContain("INVALID for this TOKEN_SECRET");
  });
});
