import { describe, expect, it } from "vitest";
import { ApiError, badRequest } from "../../../common/api-error.ts";
import {
  geminiErrorRendererFor,
  interactionsErrorEvent,
  interactionsStatusOf,
  toInteractionsErrorBody,
} from "../../../common/interactions-error.ts";

describe("the Interactions API's error shape", () => {
  it.each([
    [badRequest("model", "bad"), "invalid_request"],
    [new ApiError(401, "no"), "authentication"],
    [new ApiError(404, "gone", { code: "not_found" }), "not_found"],
    [new ApiError(404, "no model", { code: "model_not_found" }), "model_not_found"],
    [new ApiError(429, "slow down", { code: "rate_limited" }), "rate_limit_exceeded"],
    [new ApiError(429, "tomorrow", { code: "daily_quota_exhausted" }), "quota_exceeded"],
    [new ApiError(500, "oops"), "api_error"],
    [new ApiError(502, "cut"), "api_error"],
    [new ApiError(503, "busy"), "unavailable"],
  ])("renders %s with code %s", (error, code) => {
    expect(toInteractionsErrorBody(error)).toEqual({ error: { code, message: error.message } });
  });

  it("keeps the status and headers (Retry-After) and frames the stream's error event", async () => {
    const error = new ApiError(429, "wait", { headers: { "retry-after": "42" } });
    const response = geminiErrorRendererFor("/v1/interactions/abc")(error);
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("42");
    expect(await response.json()).toEqual({
      error: { code: "rate_limit_exceeded", message: "wait" },
    });
    expect(interactionsErrorEvent({ error: { code: "api_error", message: "x" } })).toBe(
      'event: error\ndata: {"event_type":"error","error":{"code":"api_error","message":"x"}}\n\n',
    );
  });

  it("renders the rest of the native API in google.rpc's shape", async () => {
    const response = geminiErrorRendererFor("/v1beta/models/x:generateContent")(
      badRequest(null, "b"),
    );
    expect(((await response.json()) as { error: { status: string } }).error.status).toBe(
      "INVALID_ARGUMENT",
    );
  });

  it("knows each documented code's status and nothing else", () => {
    expect(interactionsStatusOf("quota_exceeded")).toBe(429);
    expect(interactionsStatusOf("constructor")).toBeNull();
    expect(interactionsStatusOf(400)).toBeNull();
  });
});
