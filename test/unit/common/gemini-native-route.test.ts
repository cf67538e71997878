import { describe, expect, it } from "vitest";
import { presentedCredential } from "../../../common/client-credential.ts";
import { isGeminiNativeRequest } from "../../../common/gemini-native-route.ts";

const request = (method: string, path: string, headers: Record<string, string> = {}) =>
  [method, new URL(`https://gateway.example${path}`), new Headers(headers)] as const;

describe("which surface a request is for", () => {
  it.each([
    ["POST", "/v1beta/models/gemini-2.5-flash:generateContent", {}, true],
    ["GET", "/v1beta/models", {}, true],
    ["POST", "/upload/v1beta/files", {}, true],
    ["GET", "/v1/models", { "x-goog-api-key": "p" }, true],
    ["GET", "/v1/models?key=p", {}, true],
    ["GET", "/v1/models", { authorization: "Bearer p" }, false],
    ["GET", "/v1/models/gemini-2.5-flash", { authorization: "Bearer p" }, false],
    ["GET", "/v1/models/gemini-2.5-flash:generateContent", { authorization: "Bearer p" }, false],
    ["POST", "/v1/models/gemini-2.5-flash:generateContent", { authorization: "Bearer p" }, true],
    ["POST", "/v1/cachedContents", { authorization: "Bearer p" }, true],
    ["POST", "/v1/files", { authorization: "Bearer p" }, false],
    ["POST", "/v1/files", { "x-goog-api-key": "p" }, true],
    ["POST", "/v1/chat/completions", { authorization: "Bearer p" }, false],
    ["POST", "/v1/messages", { "x-api-key": "p" }, false],
    ["POST", "/chat/completions", {}, false],
    ["POST", "/v1/chat/completions", { "x-goog-api-key": "p" }, false],
    ["POST", "/v1/messages", { "x-goog-api-key": "p" }, false],
    ["GET", "/v1/models/gemini-2.5-flash", { "x-goog-api-key": "p" }, true],
    ["GET", "/v1/tunedModels", { "x-goog-api-key": "p" }, true],
    ["POST", "/v1beta/openai/chat/completions", { authorization: "Bearer p" }, false],
    ["GET", "/v1beta/openai/models", { "x-goog-api-key": "p" }, false],
    ["GET", "/v1beta/openaix/models", { "x-goog-api-key": "p" }, true],
    ["POST", "/v1/interactions", { authorization: "Bearer p" }, true],
    ["GET", "/v1/interactions/v1_abc", { authorization: "Bearer p" }, true],
    ["GET", "/v1/interactionsx", { authorization: "Bearer p" }, false],
  ])("%s %s %j → Gemini: %s", (method, path, headers, expected) => {
    expect(isGeminiNativeRequest(...request(method, path, headers))).toBe(expected);
  });
});

describe("the credential a client presents", () => {
  const of = (path: string, headers: Record<string, string>) =>
    presentedCredential(new Headers(headers), new URL(`https://gateway.example${path}`));

  it("reads x-goog-api-key first, then ?key=, then a bearer token", () => {
    expect(of("/?key=b", { "x-goog-api-key": "a", authorization: "Bearer c" })).toEqual({
      source: "x-goog-api-key",
      token: "a",
    });
    expect(of("/?key=b", { authorization: "Bearer c" })).toEqual({
      source: "key-parameter",
      token: "b",
    });
    expect(of("/", { authorization: "bearer  c " })).toEqual({ source: "bearer", token: "c" });
    expect(of("/", { authorization: "Basic abc" })).toBeNull();
    expect(of("/", {})).toBeNull();
  });
});
