import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type Emulator, startEmulator } from "../../../emulator/server.ts";
import { fromGeminiError } from "../../../src/gemini/upstream-error.ts";
import { generate, userText } from "../call-emulator.ts";

let now = Date.parse("2026-01-15T12:00:05Z");
let emulator: Emulator;

beforeAll(async () => {
  emulator = await startEmulator({
    quota: {
      now: () => now,
      projects: [
        { number: "101", keys: ["p1-a", "p1-b"], limits: { "gemini-2.5-pro": { rpm: 0 } } },
        { number: "102", keys: ["p2-a"] },
        { number: "103", keys: ["p3-bare"] },
      ],
      defaultLimits: { rpm: 2, rpd: 3, tpm: 100 },
      bareKeys: ["p3-bare"],
      refusals: { "bad-key": "invalid", "gone-key": "suspended", "far-key": "location" },
    },
  });
});
afterAll(() => emulator.close());
beforeEach(() => {
  emulator.reset();
  now = Date.parse("2026-01-15T12:00:05Z");
});

const ask = (key: string, model = "gemini-2.5-flash", text = "hi") =>
  generate(emulator, model, userText(text), key);

describe("the emulator's quota mode", () => {
  it("counts requests per project and model, shared by the project's keys, per minute", async () => {
    expect((await ask("p1-a")).status).toBe(200);
    expect((await ask("p1-b")).status).toBe(200);
    const refused = await ask("p1-a");
    expect(refused.status).toBe(429);
    const violations = refused.json.error.details[1].violations;
    expect(violations).toEqual([
      {
        quotaMetric: "generativelanguage.googleapis.com/generate_content_free_tier_requests",
        quotaId: "GenerateRequestsPerMinutePerProjectPerModel-FreeTier",
        quotaDimensions: { location: "global", model: "gemini-2.5-flash" },
        quotaValue: "2",
      },
    ]);
    expect(refused.json.error.details[2]).toEqual({
      "@type": "type.googleapis.com/google.rpc.RetryInfo",
      retryDelay: "55s",
    });
    expect(refused.json.error.message).toContain("Please retry in 55.000000000s.");
    expect((await ask("p2-a")).status).toBe(200);
    expect((await ask("p1-a", "gemini-2.5-flash-lite")).status).toBe(200);
    now += 55_000;
    expect((await ask("p1-a")).status).toBe(200);
  });

  it("says per-day with a short retryDelay once the day's requests are spent, until midnight Pacific", async () => {
    for (let index = 0; index < 3; index++) {
      expect((await ask("p2-a")).status).toBe(200);
      now += 60_000;
    }
    const refused = await ask("p2-a");
    expect(refused.status).toBe(429);
    expect(refused.json.error.details[1].violations[0].quotaId).toBe(
      "GenerateRequestsPerDayPerProjectPerModel-FreeTier",
    );
    expect(fromGeminiError(429, refused.json, []).fault).toBe("daily-quota");
    now = Date.parse("2026-01-16T07:59:59Z");
    expect((await ask("p2-a")).status).toBe(429);
    now = Date.parse("2026-01-16T08:00:00Z");
    expect((await ask("p2-a")).status).toBe(200);
  });

  it("lists several violations in one body when several limits are hit at once", async () => {
    await ask("p2-a");
    await ask("p2-a");
    now += 60_000;
    await ask("p2-a");
    const long = "word ".repeat(200);
    const refused = await ask("p2-a", "gemini-2.5-flash", long);
    const ids = refused.json.error.details[1].violations.map((v: { quotaId: string }) => v.quotaId);
    expect(ids).toEqual([
      "GenerateRequestsPerDayPerProjectPerModel-FreeTier",
      "GenerateContentInputTokensPerModelPerMinute-FreeTier",
    ]);
  });

  it("refuses a model with limit 0 like Google: every quota at limit 0, no quotaValue", async () => {
    const refused = await ask("p1-a", "gemini-2.5-pro");
    expect(refused.status).toBe(429);
    expect(refused.json.error.message).toContain("limit: 0, model: gemini-2.5-pro");
    expect(refused.json.error.details[1].violations).toHaveLength(3);
    expect(fromGeminiError(429, refused.json, []).fault).toBe("no-quota");
  });

  it("sends the bare 429 for keys configured so", async () => {
    await ask("p3-bare");
    await ask("p3-bare");
    const refused = await ask("p3-bare");
    expect(refused.json).toEqual({
      error: {
        code: 429,
        message: "Resource has been exhausted (e.g. check quota).",
        status: "RESOURCE_EXHAUSTED",
      },
    });
  });

  it("refuses invalid, suspended and far-away keys with Google's bodies", async () => {
    const invalid = await ask("bad-key");
    const suspended = await ask("gone-key");
    const far = await ask("far-key");
    expect([invalid.status, suspended.status, far.status]).toEqual([400, 403, 400]);
    expect(fromGeminiError(400, invalid.json, []).fault).toBe("key-rejected");
    expect(fromGeminiError(403, suspended.json, ["gone-key"]).message).toBe(
      "Permission denied: Consumer 'api_key:[redacted]' has been suspended.",
    );
    expect(fromGeminiError(400, far.json, []).fault).toBe("location");
  });

  it("logs every answer for tests and benchmarks to count", async () => {
    await ask("p1-a");
    await ask("p1-a", "gemini-2.5-pro");
    expect(emulator.quota?.events().map((event) => event.outcome)).toEqual(["ok", "limit-0"]);
  });
});
