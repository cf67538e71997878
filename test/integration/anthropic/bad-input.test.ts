import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BackendFixture, PASS, startBackend } from "../../support/backend.ts";
import { postOversized } from "../../support/oversized-post.ts";

let backend: BackendFixture;
beforeAll(async () => {
  backend = await startBackend();
});
afterAll(() => backend.close());

const headers = { "x-api-key": PASS, "content-type": "application/json" };
const hi = [{ role: "user", content: "hi" }];

async function send(path: string, init: RequestInit) {
  const response = await fetch(`${backend.url}${path}`, init);
  return { status: response.status, headers: response.headers, body: await response.json() };
}

const post = (body: unknown, extra: Record<string, string> = headers) =>
  send("/v1/messages", { method: "POST", headers: extra, body: JSON.stringify(body) });

describe("the backend's Anthropic surface refuses bad requests in Anthropic's shape", () => {
  it.each([
    ["no key", { "content-type": "application/json" }],
    ["a wrong x-api-key", { "x-api-key": "nope", "content-type": "application/json" }],
    ["a wrong bearer", { authorization: "Bearer nope", "content-type": "application/json" }],
  ])("answers %s with 401 authentication_error", async (_label, extra) => {
    const { status, body } = await post(
      { model: "claude-sonnet-4-5", max_tokens: 5, messages: hi },
      extra,
    );
    expect(status).toBe(401);
    expect(body).toMatchObject({ type: "error", error: { type: "authentication_error" } });
  });

  it.each([
    ["a missing model", { max_tokens: 5, messages: hi }, "model"],
    ["missing messages", { model: "claude-sonnet-4-5", max_tokens: 5 }, "messages"],
    [
      "a role Anthropic does not have",
      { model: "gemini-2.5-flash", messages: [{ role: "tool", content: "x" }] },
      "messages.0.role",
    ],
    ["max_tokens of 0", { model: "gemini-2.5-flash", max_tokens: 0, messages: hi }, "max_tokens"],
    [
      "a missing max_tokens (Anthropic requires it)",
      { model: "gemini-2.5-flash", messages: hi },
      "max_tokens",
    ],
    [
      "a string temperature",
      { model: "gemini-2.5-flash", max_tokens: 5, temperature: "hot", messages: hi },
      "temperature",
    ],
    [
      "six stop sequences",
      {
        model: "gemini-2.5-flash",
        max_tokens: 5,
        stop_sequences: ["a", "b", "c", "d", "e", "f"],
        messages: hi,
      },
      "stop_sequences",
    ],
    [
      "an unknown tool_choice",
      { model: "gemini-2.5-flash", tool_choice: { type: "some" }, messages: hi },
      "tool_choice.type",
    ],
  ])("answers %s with a 400 invalid_request_error naming %s", async (_label, request, field) => {
    const { status, body } = await post(request);
    expect(status).toBe(400);
    expect(body.type).toBe("error");
    expect(body.error.type).toBe("invalid_request_error");
    expect(body.error.message.startsWith(`${field}: `)).toBe(true);
  });

  it("answers a body that is not JSON with a 400", async () => {
    const { status, body } = await send("/v1/messages", { method: "POST", headers, body: "{" });
    expect(status).toBe(400);
    expect(body.error.type).toBe("invalid_request_error");
  });

  it("refuses an image URL on a private address, naming the block's source.url", async () => {
    const { status, body } = await post({
      model: "gemini-2.5-flash",
      max_tokens: 5,
      messages: [
        {
          role: "user",
          content: [
            { type: "image", source: { type: "url", url: "http://127.0.0.1:1/secret.png" } },
          ],
        },
      ],
    });
    expect(status).toBe(400);
    expect(body.error.message).toMatch(/^messages\.0\.content\.0\.source\.url: /);
    expect(backend.emulator.requests()).toEqual([]);
  });

  it("answers other methods with 405 and unknown /v1/messages paths with 404, in Anthropic's shape", async () => {
    const get = await send("/v1/messages", { headers });
    expect(get.status).toBe(405);
    expect(get.body).toMatchObject({ type: "error", error: { type: "invalid_request_error" } });
    const batches = await send("/v1/messages/batches", { method: "POST", headers, body: "{}" });
    expect(batches.status).toBe(404);
    expect(batches.body).toMatchObject({ type: "error", error: { type: "not_found_error" } });
  });

  it("answers an oversized body with 413 request_too_large", async () => {
    const { status, body } = await postOversized(
      `${backend.url}/v1/messages`,
      headers,
      30 * 1024 * 1024,
    );
    expect(status).toBe(413);
    expect(JSON.parse(body)).toMatchObject({ type: "error", error: { type: "request_too_large" } });
  });
});
