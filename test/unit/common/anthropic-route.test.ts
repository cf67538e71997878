import { describe, expect, it } from "vitest";
import { isAnthropicRequest } from "../../../common/anthropic-route.ts";

const request = (method: string, path: string, headers: Record<string, string> = {}) =>
  [method, new URL(`https://gateway.example${path}`), new Headers(headers)] as const;

const version = { "anthropic-version": "2023-06-01" };

describe("which requests are Anthropic's", () => {
  it.each([
    ["POST", "/v1/messages", {}, true],
    ["POST", "/v1/messages/count_tokens", { authorization: "Bearer p" }, true],
    ["GET", "/v1/models", { ...version, "x-api-key": "p" }, true],
    ["GET", "/v1/models/claude-sonnet-4-5", { ...version, authorization: "Bearer p" }, true],
    ["GET", "/v1/models", { authorization: "Bearer p" }, false],
    ["GET", "/v1/models", { ...version, "x-goog-api-key": "p" }, false],
    ["GET", "/v1/models?key=p", version, false],
    ["POST", "/v1/models/gemini-2.5-flash:generateContent", version, false],
    ["GET", "/v1/models/a/b", version, false],
    ["POST", "/v1/chat/completions", version, false],
  ])("%s %s %j → Anthropic: %s", (method, path, headers, expected) => {
    expect(isAnthropicRequest(...request(method, path, headers))).toBe(expected);
  });
});
