import { describe, expect, it } from "vitest";
import { ApiError, badRequest, notFound, payloadTooLarge } from "../../../common/api-error.ts";
import { geminiStatusOf, toGeminiErrorBody } from "../../../common/gemini-error.ts";

describe("errors in Gemini's shape", () => {
  it.each([
    [badRequest("model", "bad"), "INVALID_ARGUMENT"],
    [new ApiError(401, "no"), "UNAUTHENTICATED"],
    [new ApiError(403, "no"), "PERMISSION_DENIED"],
    [notFound("gone"), "NOT_FOUND"],
    [payloadTooLarge(10), "INVALID_ARGUMENT"],
    [new ApiError(429, "slow down"), "RESOURCE_EXHAUSTED"],
    [new ApiError(500, "oops"), "INTERNAL"],
    [new ApiError(501, "not here"), "UNIMPLEMENTED"],
    [new ApiError(502, "upstream"), "UNAVAILABLE"],
    [new ApiError(503, "busy"), "UNAVAILABLE"],
    [new ApiError(504, "late"), "DEADLINE_EXCEEDED"],
    [new ApiError(418, "teapot"), "FAILED_PRECONDITION"],
  ])("maps %s to %s", (error, status) => {
    expect(geminiStatusOf(error)).toBe(status);
  });

  it("keeps Gemini's own status when the error came from Gemini", () => {
    const upstream = new ApiError(400, "Gemini said no", { code: "failed_precondition" });
    expect(geminiStatusOf(upstream)).toBe("FAILED_PRECONDITION");
    expect(geminiStatusOf(new ApiError(400, "ours", { code: "invalid_model" }))).toBe(
      "INVALID_ARGUMENT",
    );
  });

  it("renders code, message and status, and a rate limit's Retry-After as a RetryInfo", () => {
    expect(toGeminiErrorBody(badRequest("alt", "Unsupported alt"))).toEqual({
      error: { code: 400, message: "Unsupported alt", status: "INVALID_ARGUMENT" },
    });
    const limited = new ApiError(429, "quota", { headers: { "retry-after": "12" } });
    expect(toGeminiErrorBody(limited).error.details).toEqual([
      { "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: "12s" },
    ]);
  });
});
