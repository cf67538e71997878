import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseSince } from "../../scripts/usage.ts";
import { type FakeAnalyticsSql, startFakeAnalyticsSql } from "../support/fake-analytics-sql.ts";

const run = promisify(execFile);
let fake: FakeAnalyticsSql;

const point = (
  token: string,
  model: string,
  key: string,
  status: number,
  tokens: [number, number, number],
  latencyMs: number,
  ageHours = 1,
  sampleInterval = 1,
) => ({
  blobs: [token, `${token}-id`, "chat", model, model, key, "backend"],
  doubles: [status, ...tokens, latencyMs],
  timestamp: Date.now() - ageHours * 3_600_000,
  sampleInterval,
});

beforeAll(async () => {
  fake = await startFakeAnalyticsSql();
  fake.points.push(
    point("alice", "gemini-3-flash-preview", "a1b2c3", 200, [10, 20, 5], 100),
    point("alice", "gemini-3-flash-preview", "a1b2c3", 200, [30, 40, 0], 300),
    point("alice", "gemini-3.1-pro-preview", "d4e5f6", 429, [0, 0, 0], 50),
    point("bob", "gemini-3-flash-preview", "d4e5f6", 200, [1, 2, 3], 200, 1, 10),
    point("carol", "gemini-3-flash-preview", "a1b2c3", 200, [9, 9, 9], 10, 48),
  );
});
afterAll(() => fake?.close());

const usage = (args: string[], env: Record<string, string> = {}) =>
  run(process.execPath, ["scripts/usage.ts", "--", ...args], {
    env: {
      ...process.env,
      CLOUDFLARE_API_BASE_URL: fake.baseUrl,
      CLOUDFLARE_API_TOKEN: fake.token,
      CLOUDFLARE_ACCOUNT_ID: fake.accountId,
      ...env,
    },
  });

describe("npm run usage", () => {
  it("sums requests, errors and tokens per token over the window, weighted by sampling", async () => {
    const { stdout } = await usage(["--json"]);
    const { rows } = JSON.parse(stdout) as { rows: Record<string, unknown>[] };
    expect(rows).toEqual([
      {
        group: "bob",
        requests: 10,
        errors: 0,
        promptTokens: 10,
        completionTokens: 20,
        thinkingTokens: 30,
        averageLatencyMs: 200,
      },
      {
        group: "alice",
        requests: 3,
        errors: 1,
        promptTokens: 40,
        completionTokens: 60,
        thinkingTokens: 5,
        averageLatencyMs: 150,
      },
    ]);
    expect(fake.queries.at(-1)).toContain("INTERVAL '24' HOUR");
  });

  it("groups by key or model and prints a table; --since widens the window", async () => {
    const byKey = await usage(["--by", "key", "--since", "3d"]);
    expect(byKey.stdout.split("\n")[0]).toMatch(/^key\s+requests\s+errors\s+prompt/);
    expect(byKey.stdout).toMatch(/d4e5f6\s+11\s+1\s+/);
    expect(byKey.stdout).toMatch(/a1b2c3\s+3\s+0\s+/);
    const byModel = await usage(["--by", "model", "--json"]);
    const models = (JSON.parse(byModel.stdout) as { rows: { group: string }[] }).rows;
    expect(models.map((row) => row.group)).toEqual([
      "gemini-3-flash-preview",
      "gemini-3.1-pro-preview",
    ]);
  });

  it("says what the token needs when the SQL API refuses it, and never prints the token", async () => {
    const refused = await usage([], { CLOUDFLARE_API_TOKEN: "wrong-token-value" }).catch(
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
    expect(refused).toMatchObject({ code: 2 });
    const { stderr, stdout } = refused as { stderr: string; stdout: string };
    expect(stderr).toContain("answered 401");
    expect(stderr).toContain("Account Analytics: Read");
    expect(stdout + stderr).not.toContain("wrong-token-value");
  });

  it("reads --since as minutes, hours or days, at most 90 days", () => {
    expect(parseSince("90m")).toBe(2);
    expect(parseSince("24h")).toBe(24);
    expect(parseSince("7d")).toBe(168);
    expect(() => parseSince("91d")).toThrow("90 days");
    expect(() => parseSince("yesterday")).toThrow("--since");
  });
});
