import { afterAll, beforeAll, describe, expect, it } from "vitest";
import hostile from "../../fixtures/hostile-model-names.json" with { type: "json" };
import { type BackendFixture, PASS, startBackend } from "../../support/backend.ts";

let backend: BackendFixture;
beforeAll(async () => {
  backend = await startBackend();
});
afterAll(() => backend.close());

const headers = { "x-api-key": PASS, "content-type": "application/json" };
const messages = [{ role: "user", content: "Hi" }];

const routes = (model: string): [string, string, unknown][] => [
  ["messages", "/v1/messages", { model, max_tokens: 10, messages }],
  ["messages (stream)", "/v1/messages", { model, max_tokens: 10, messages, stream: true }],
  ["count_tokens", "/v1/messages/count_tokens", { model, messages }],
];

describe("the Anthropic surface's model field never steers the upstream URL", () => {
  it.each(hostile.names)(
    "answers %j with a 400 invalid_request_error naming 'model', calling no upstream",
    async (name) => {
      backend.emulator.reset();
      for (const [label, path, body] of routes(name)) {
        const response = await fetch(`${backend.url}${path}`, {
          method: "POST",
          headers,
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(10_000),
        });
        const error = (await response.json()) as {
          type: string;
          error: { type: string; message: string };
        };
        expect([label, response.status]).toEqual([label, 400]);
        expect(error.type).toBe("error");
        expect(error.error.type).toBe("invalid_request_error");
        expect(error.error.message).toMatch(/^model: /);
      }
      expect(backend.emulator.requests()).toEqual([]);
    },
  );

  it("maps a claude-* name whatever it contains, so its text never reaches a URL either", async () => {
    backend.emulator.reset();
    const response = await fetch(`${backend.url}/v1/messages`, {
      method: "POST",
      headers,
      body: JSON.stringify({
        model: "claude-sonnet/../../v1beta/files#",
        max_tokens: 10,
        messages,
      }),
    });
    expect(response.status).toBe(200);
    expect(backend.emulator.requests().map((request) => request.path)).toEqual([
      "/v1beta/models/gemini-3.8-flash:generateContent",
    ]);
  });
});
