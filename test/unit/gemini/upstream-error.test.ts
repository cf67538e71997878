import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { fromGeminiError, type UpstreamFault } from "../../../src/gemini/upstream-error.ts";

const FIXTURES = new URL("../../fixtures/gemini-errors/", import.meta.url);

interface Captured {
  source: string;
  status: number;
  body: unknown;
}

const captured = (name: string): Captured =>
  JSON.parse(readFileSync(new URL(`${name}.json`, FIXTURES), "utf8")) as Captured;

const classify = (name: string, secrets: string[] = []) => {
  const { status, body } = captured(name);
  return fromGeminiError(status, body, secrets);
};

describe("fromGeminiError over real captured bodies", () => {
  it.each<[string, UpstreamFault, number | null]>([
    ["per-day-short-retry", "daily-quota", 5],
    ["per-day-250", "daily-quota", 22],
    ["input-tokens-per-minute", "rate-limited", 21],
    ["input-tokens-per-minute-no-retry-info", "rate-limited", null],
    ["limit-zero-several-violations", "no-quota", 10.689924287],
    ["bare-no-details", "quota-unspecified", null],
    ["api-key-invalid", "key-rejected", null],
    ["consumer-suspended", "key-rejected", null],
    ["location-unsupported", "location", null],
  ])("reads %s as %s (retry hint %s s)", (name, fault, retryAfterSeconds) => {
    const error = classify(name);
    expect(error.fault).toBe(fault);
    expect(error.retryAfterSeconds).toBe(retryAfterSeconds);
  });

  it("takes the message's precise wait over RetryInfo, which Google rounds down to whole seconds", () => {
    // The captured body says retryDelay "10s" and "Please retry in 10.689924287s".
    expect(classify("limit-zero-several-violations").retryAfterSeconds).toBeGreaterThan(10);
  });

  it("has a source written down for every fixture", () => {
    const names = readdirSync(FIXTURES).filter((name) => name.endsWith(".json"));
    expect(names.length).toBeGreaterThanOrEqual(9);
    for (const name of names) {
      expect(captured(name.replace(/\.json$/, "")).source).toMatch(/^https:\/\//);
    }
  });

  it("lists every quota id of a body with several violations", () => {
    expect(classify("limit-zero-several-violations").quotaIds).toEqual([
      "GenerateRequestsPerDayPerProjectPerModel-FreeTier",
      "GenerateRequestsPerMinutePerProjectPerModel-FreeTier",
      "GenerateContentInputTokensPerModelPerMinute-FreeTier",
    ]);
  });

  it("never lets another key retry a refused location or the client's own bad request", () => {
    expect(classify("location-unsupported").retry).toBe("never");
    const badField = fromGeminiError(
      400,
      { error: { code: 400, status: "INVALID_ARGUMENT", message: "Bad field" } },
      [],
    );
    expect(badField).toMatchObject({ fault: "client", retry: "never", keyRejected: false });
  });

  it("redacts key values from upstream messages", () => {
    const error = classify("consumer-suspended", ["PLACEHOLDER-not-a-real-key-00000"]);
    expect(error.message).toBe(
      "Permission denied: Consumer 'api_key:[redacted]' has been suspended.",
    );
    expect(error.keyRejected).toBe(true);
  });
});

const quota429 = (violations: object[], retryDelay?: string, message = "Quota exceeded") => ({
  error: {
    code: 429,
    status: "RESOURCE_EXHAUSTED",
    message,
    details: [
      { "@type": "type.googleapis.com/google.rpc.QuotaFailure", violations },
      ...(retryDelay ? [{ "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay }] : []),
    ],
  },
});

describe("fromGeminiError's order (gemini-cli's)", () => {
  it("calls a per-day violation daily whatever retryDelay says, even beside a per-minute one", () => {
    const body = quota429(
      [
        { quotaId: "GenerateRequestsPerMinutePerProjectPerModel-FreeTier", quotaValue: "10" },
        { quotaId: "GenerateRequestsPerDayPerProjectPerModel-FreeTier", quotaValue: "20" },
      ],
      "0s",
    );
    expect(fromGeminiError(429, body, []).fault).toBe("daily-quota");
  });

  it("reads paid-tier ids (without -FreeTier) the same way", () => {
    const daily = quota429([{ quotaId: "GenerateRequestsPerDayPerProjectPerModel" }], "36s");
    const minute = quota429([{ quotaId: "GenerateRequestsPerMinutePerProjectPerModel" }], "36s");
    expect(fromGeminiError(429, daily, []).fault).toBe("daily-quota");
    expect(fromGeminiError(429, minute, [])).toMatchObject({
      fault: "rate-limited",
      retryAfterSeconds: 36,
    });
  });

  it('takes quotaValue "0" as no quota even when the message says nothing', () => {
    const body = quota429([
      { quotaId: "GenerateRequestsPerMinutePerProjectPerModel-FreeTier", quotaValue: "0" },
    ]);
    expect(fromGeminiError(429, body, []).fault).toBe("no-quota");
  });

  it("does not mistake a limit of 0.5 or 200 for limit 0", () => {
    const body = quota429(
      [],
      undefined,
      "Quota exceeded, limit: 200, model: x\nPlease retry in 8.9s.",
    );
    expect(fromGeminiError(429, body, [])).toMatchObject({
      fault: "rate-limited",
      retryAfterSeconds: 8.9,
    });
  });

  it("reads a retry hint in milliseconds from the message", () => {
    const body = { error: { code: 429, message: "Busy. Please retry in 856.5ms." } };
    expect(fromGeminiError(429, body, []).retryAfterSeconds).toBeCloseTo(0.8565);
  });

  it("never counts an overloaded model or a server error against the key", () => {
    const overloaded = fromGeminiError(
      503,
      {
        error: {
          code: 503,
          status: "UNAVAILABLE",
          message: "The model is overloaded. Please try again later.",
        },
      },
      [],
    );
    const internal = fromGeminiError(
      500,
      { error: { code: 500, status: "INTERNAL", message: "An internal error has occurred." } },
      [],
    );
    expect(overloaded).toMatchObject({ fault: "overloaded", retry: "overloaded" });
    expect(internal).toMatchObject({ fault: "server", retry: "other-key", keyRejected: false });
  });

  it("keeps a 403 about a tuned or cached model the client's problem", () => {
    const body = {
      error: {
        code: 403,
        status: "PERMISSION_DENIED",
        message: "You do not have permission to access cached content foo",
      },
    };
    expect(fromGeminiError(403, body, []).fault).toBe("client");
  });

  it.each([
    "You do not have permission to access the File 2wf3cf1fb9g4 or it may not exist.",
    "CachedContent not found (or permission denied)",
  ])(
    "keeps a 403 about another project's file or cache the client's, never the key's: %s",
    (message) => {
      const error = fromGeminiError(
        403,
        { error: { code: 403, status: "PERMISSION_DENIED", message } },
        [],
      );
      expect(error.fault).toBe("client");
      expect(error.keyRejected).toBe(false);
    },
  );

  it("survives bodies that are not Gemini's shape", () => {
    expect(fromGeminiError(429, "<html>", []).fault).toBe("quota-unspecified");
    expect(fromGeminiError(429, { error: { details: "nope" } }, []).fault).toBe(
      "quota-unspecified",
    );
  });
});

describe("fromGeminiError over the Interactions API's error shape", () => {
  const body = (code: string, message: string) => ({ error: { code, message } });

  it.each<[number, string, string, UpstreamFault, number | null]>([
    [
      400,
      "invalid_request",
      "The value 'x' is not supported for 'type' at 'tools[0]'.",
      "client",
      null,
    ],
    [401, "authentication", "The API key is missing, invalid, or expired.", "key-rejected", null],
    [429, "rate_limit_exceeded", "Slow down. Please retry in 12s.", "rate-limited", 12],
    [429, "quota_exceeded", "Daily quota exceeded.", "daily-quota", null],
    [404, "not_found", "Interaction v1_x not found.", "client", null],
    [500, "api_error", "Internal.", "server", null],
  ])("reads %s %s as %s", (status, code, message, fault, retryAfter) => {
    const error = fromGeminiError(status, body(code, message), []);
    expect(error.fault).toBe(fault);
    expect(error.retryAfterSeconds).toBe(retryAfter);
    expect(error.geminiStatus).toBe(code);
  });
});
