import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BackendFixture, PASS, startBackend } from "../support/backend.ts";

let backend: BackendFixture;
beforeAll(async () => {
  backend = await startBackend();
});
afterAll(() => backend.close());

const post = async (path: string, body: string) => {
  const response = await fetch(`${backend.url}${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${PASS}`, "content-type": "application/json" },
    body,
    signal: AbortSignal.timeout(10_000),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
};

const expectClientError = (result: { status: number; json: Record<string, unknown> }) => {
  expect(result.status, JSON.stringify(result.json)).toBeGreaterThanOrEqual(200);
  expect(result.status, JSON.stringify(result.json)).toBeLessThan(500);
  if (result.status >= 400) {
    expect(result.json).toMatchObject({ error: { message: expect.any(String) } });
    expect(result.json.error).toHaveProperty("type");
    expect(result.json.error).toHaveProperty("param");
    expect(result.json.error).toHaveProperty("code");
  }
};

/** Message-like values: mostly plausible shapes with wrong pieces, so validation deep inside is reached. */
const part = fc.oneof(
  fc.record({
    type: fc.constantFrom("text", "image_url", "input_audio", "file", "nope"),
    text: fc.anything(),
  }),
  fc.record({
    type: fc.constant("image_url"),
    image_url: fc.oneof(fc.anything(), fc.record({ url: fc.string() })),
  }),
  fc.record({
    type: fc.constant("input_audio"),
    input_audio: fc.record({ data: fc.string(), format: fc.string() }),
  }),
  fc.anything(),
);
const message = fc.record(
  {
    role: fc.oneof(
      fc.constantFrom("system", "developer", "user", "assistant", "tool", "bot"),
      fc.anything(),
    ),
    content: fc.oneof(fc.string(), fc.array(part, { maxLength: 3 }), fc.anything()),
    tool_calls: fc.anything(),
    tool_call_id: fc.anything(),
    name: fc.anything(),
  },
  { requiredKeys: ["role"] },
);
const chatBody = fc.record(
  {
    model: fc.oneof(
      fc.constantFrom("gemini-2.5-flash", "gemini-3-pro-preview", "gpt-4o"),
      fc.anything(),
    ),
    messages: fc.oneof(fc.array(message, { maxLength: 4 }), fc.anything()),
    tools: fc.anything(),
    tool_choice: fc.anything(),
    response_format: fc.anything(),
    temperature: fc.anything(),
    max_tokens: fc.anything(),
    n: fc.anything(),
    stop: fc.anything(),
    stream: fc.boolean(),
    reasoning_effort: fc.anything(),
    google: fc.anything(),
  },
  { requiredKeys: [] },
);

describe("bad input never produces a 500 or a hang", () => {
  it("answers arbitrary chat bodies with a success or an OpenAI-shaped 4xx", async () => {
    await fc.assert(
      fc.asyncProperty(chatBody, async (body) => {
        const text = JSON.stringify(body) ?? "null";
        const response = await fetch(`${backend.url}/v1/chat/completions`, {
          method: "POST",
          headers: { authorization: `Bearer ${PASS}`, "content-type": "application/json" },
          body: text,
          signal: AbortSignal.timeout(10_000),
        });
        const raw = await response.text();
        expect(response.status, raw).toBeLessThan(500);
        if (response.status >= 400)
          expectClientError({ status: response.status, json: JSON.parse(raw) });
      }),
      { numRuns: 300 },
    );
  }, 120_000);

  it("answers arbitrary embedding bodies with a success or an OpenAI-shaped 4xx", async () => {
    const body = fc.record(
      {
        model: fc.anything(),
        input: fc.anything(),
        dimensions: fc.anything(),
        encoding_format: fc.anything(),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(body, async (value) => {
        expectClientError(await post("/v1/embeddings", JSON.stringify(value) ?? "null"));
      }),
      { numRuns: 150 },
    );
  }, 120_000);

  it.each([
    ["a JSON array", "[]"],
    ["a JSON string", '"hello"'],
    ["null", "null"],
    ["truncated JSON", '{"messages": ['],
    ["an empty body", ""],
  ])("answers %s with 400", async (_name, body) => {
    const result = await post("/v1/chat/completions", body);
    expect(result.status).toBe(400);
    expectClientError(result);
  });
});
