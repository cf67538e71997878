import { describe, expect, it } from "vitest";
import { isAnthropicPath, toAnthropicErrorResponse } from "../../../common/anthropic-error.ts";
import { ApiError, badRequest } from "../../../common/api-error.ts";

describe("Anthropic's error shape", () => {
  it.each([
    [400, 400, "invalid_request_error"],
    [401, 401, "authentication_error"],
    [403, 403, "permission_error"],
    [404, 404, "not_found_error"],
    [413, 413, "request_too_large"],
    [429, 429, "rate_limit_error"],
    [500, 500, "api_error"],
    [502, 502, "api_error"],
    [503, 529, "overloaded_error"],
    [504, 504, "timeout_error"],
  ])("renders status %d as %d %s", async (status, sent, type) => {
    const response = toAnthropicErrorResponse(new ApiError(status, "went wrong"));
    expect(response.status).toBe(sent);
    expect(await response.json()).toEqual({
      type: "error",
      error: { type, message: "went wrong" },
      request_id: null,
    });
  });

  it("leads the message with the field, keeps retry-after, and echoes the request id", async () => {
    const error = new ApiError(429, "slow down", { headers: { "retry-after": "7" } });
    const response = toAnthropicErrorResponse(error, { "x-request-id": "req-1" });
    expect(response.headers.get("retry-after")).toBe("7");
    expect(response.headers.get("request-id")).toBe("req-1");
    expect(await response.json()).toMatchObject({ request_id: "req-1" });
    const named = toAnthropicErrorResponse(badRequest("max_tokens", "must be positive"));
    expect(await named.json()).toMatchObject({
      error: { message: "max_tokens: must be positive" },
    });
  });

  it("knows the Anthropic surface's paths", () => {
    expect(isAnthropicPath("/v1/messages")).toBe(true);
    expect(isAnthropicPath("/v1/messages/count_tokens")).toBe(true);
    expect(isAnthropicPath("/v1/chat/completions")).toBe(false);
    expect(isAnthropicPath("/v1/messagesx")).toBe(false);
  });
});
