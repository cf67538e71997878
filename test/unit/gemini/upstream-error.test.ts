import { describe, expect, it } from "vitest";
import { fromGeminiError, toClientError } from "../../../src/gemini/upstream-error.ts";

const geminiError = (code: number, status: string, message: string, details: unknown[] = []) => ({
  error: { code, status, message, details },
});

describe("fromGeminiError", () => {
  it("treats a rate limit as another key's job and reads RetryInfo", () => {
    const error = fromGeminiError(
      429,
      geminiError(429, "RESOURCE_EXHAUSTED", "Quota exceeded", [
        { "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: "7s" },
      ]),
      [],
    );
    expect(error).toMatchObject({ retry: "other-key", retryAfterSeconds: 7, keyRejected: false });
  });

  it("treats an invalid key (400 API_KEY_INVALID) as the key's fault, not the client's", () => {
    const error = fromGeminiError(
      400,
      geminiError(400, "INVALID_ARGUMENT", "API key not valid. Please pass a valid API key.", [
        { "@type": "type.googleapis.com/google.rpc.ErrorInfo", reason: "API_KEY_INVALID" },
      ]),
      [],
    );
    expect(error).toMatchObject({ retry: "other-key", keyRejected: true });
    expect(toClientError(error, 3).status).toBe(502);
  });

  it("returns a plain bad request to the client at once", () => {
    const error = fromGeminiError(400, geminiError(400, "INVALID_ARGUMENT", "Bad field"), []);
    expect(error.retry).toBe("never");
    const clientError = toClientError(error, 1);
    expect(clientError.toJSON()).toEqual({
      error: {
        message: "Bad field",
        type: "invalid_request_error",
        param: null,
        code: "invalid_argument",
      },
    });
  });

  it("bounds retries on an overloaded model", () => {
    expect(fromGeminiError(503, geminiError(503, "UNAVAILABLE", "overloaded"), []).retry).toBe(
      "overloaded",
    );
  });

  it("redacts key values from upstream messages", () => {
    const error = fromGeminiError(
      403,
      geminiError(
        403,
        "PERMISSION_DENIED",
        "Consumer 'api_key:test-key-secret' has been suspended.",
      ),
      ["test-key-secret"],
    );
    expect(error.message).toBe("Consumer 'api_key:[redacted]' has been suspended.");
    expect(error.keyRejected).toBe(true);
  });

  it("caps Retry-After and sets it on the client's 429", () => {
    const error = fromGeminiError(
      429,
      geminiError(429, "RESOURCE_EXHAUSTED", "Quota", [{ retryDelay: "3600s" }]),
      [],
    );
    const clientError = toClientError(error, 2);
    expect(clientError.status).toBe(429);
    expect(clientError.type).toBe("rate_limit_error");
    expect(clientError.headers["retry-after"]).toBe("60");
  });
});
