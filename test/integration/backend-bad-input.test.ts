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
      fc.constantFrom("gemini-2.5-flash", "gemini-3.1-pro-preview", "gpt-4o"),
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

/** Hostile raw bodies: not JSON, nested past any sane depth, huge, NUL-laden, prototype keys. */
const deep = (depth: number, open: string, close: string, inner = "1") =>
  open.repeat(depth) + inner + close.repeat(depth);
const hostileText = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.constantFrom(
    "{",
    "[",
    '{"messages":',
    "\u0000",
    '{"model":"gemini-2.5-flash","messages":[{"role":"user","content":"a\u0000b"}]}',
    '{"__proto__":{"admin":true},"model":"gemini-2.5-flash","messages":[{"role":"user","content":"x"}]}',
    '{"constructor":{"prototype":{"polluted":true}},"messages":[{"role":"user","content":"x"}]}',
    '{"model":"gemini-2.5-flash","messages":[{"role":"user","content":"x","__proto__":{"role":"system"}}]}',
    '{"model":"gemini-2.5-flash","input":"x","__proto__":{"dimensions":99999}}',
    `{"model":"gemini-2.5-flash","messages":${deep(5_000, "[", "]")}}`,
    `{"model":"gemini-2.5-flash","input":${deep(5_000, '{"a":', "}")}}`,
    deep(100_000, "[", "]"),
    `{"model":"gemini-2.5-flash","messages":[{"role":"tool","tool_call_id":"c","content":"${deep(20_000, "[", "]")}"}]}`,
    `{"model":"gemini-2.5-flash","messages":[{"role":"user","content":"x"}],"google":{"x":${deep(20_000, "[", "]")}}}`,
    `{"model":"gemini-2.5-flash","messages":[{"role":"user","content":"x"}],"tools":[{"type":"function","function":{"name":"f","parameters":${deep(3_000, '{"type":"object","properties":{"a":', "}}", '{"type":"string"}')}}}]}`,
  ),
  fc.json({ depthSize: "large", maxDepth: 12 }),
  fc.integer({ min: 1, max: 4 }).map((megabytes) =>
    JSON.stringify({
      model: "gemini-2.5-flash",
      messages: [{ role: "user", content: "x".repeat(megabytes * 1024 * 1024) }],
    }),
  ),
  fc.integer({ min: 500, max: 3_000 }).map((count) =>
    JSON.stringify({
      model: "gemini-2.5-flash",
      messages: Array.from({ length: count }, (_, index) => ({
        role: index % 2 ? "assistant" : "user",
        content: `m${index}`,
      })),
    }),
  ),
  fc.integer({ min: 200, max: 2_000 }).map((count) =>
    JSON.stringify({
      model: "gemini-2.5-flash",
      messages: [{ role: "user", content: "x" }],
      tools: Array.from({ length: count }, (_, index) => ({
        type: "function",
        function: { name: `tool_${index}`, parameters: { type: "object" } },
      })),
    }),
  ),
  fc
    .integer({ min: 2_049, max: 5_000 })
    .map((count) =>
      JSON.stringify({ model: "gemini-embedding-001", input: Array(count).fill("x") }),
    ),
  fc
    .record({
      model: fc.oneof(fc.string(), fc.constant("gemini-2.5-flash")),
      messages: fc.array(
        fc.record({ role: fc.constantFrom("user", "assistant"), content: fc.string() }),
        { maxLength: 3 },
      ),
      __proto__: fc.anything(),
      constructor: fc.anything(),
      prototype: fc.anything(),
    })
    .map((value) => JSON.stringify(value)),
);

/**
 * Hostile headers (values fetch can send: no CR/LF). x-goog-api-key is left out: with it a client
 * speaks the native Gemini API on the shared /v1/models paths, and errors come in Gemini's shape.
 */
const hostileHeaders = fc.record(
  {
    "content-type": fc.constantFrom(
      "application/json",
      "text/plain",
      "application/x-www-form-urlencoded",
      "multipart/form-data; boundary=x",
      "application/json; charset=utf-16",
      "",
    ),
    accept: fc.constantFrom("*/*", "text/event-stream", "application/xml", "x".repeat(8_000)),
    "x-request-id": fc.oneof(
      fc.string({ maxLength: 300 }).filter((value) => !/[\r\n\0]/.test(value)),
      fc.constant("<script>alert(1)</script>"),
      fc.constant("a".repeat(4_000)),
    ),
    "user-agent": fc.string({ maxLength: 50 }).filter((value) => /^[\x20-\x7e]*$/.test(value)),
    origin: fc.constantFrom("https://app.example", "null", "file://", "https://evil.example"),
    "x-forwarded-for": fc.constantFrom("127.0.0.1", "::1, 10.0.0.1"),
  },
  { requiredKeys: [] },
);

const routes = fc.constantFrom(
  ["POST", "/v1/chat/completions"],
  ["POST", "/v1/embeddings"],
  ["GET", "/v1/models"],
  ["GET", "/v1/models/gemini-2.5-flash"],
  ["POST", "/v1/models"],
  ["POST", "/chat/completions"],
);

describe("hostile bodies and headers", () => {
  it("never gets a 5xx, never hangs, and every error is OpenAI-shaped (720 requests)", async () => {
    await fc.assert(
      fc.asyncProperty(routes, hostileText, hostileHeaders, async ([method, path], body, extra) => {
        const headers = new Headers();
        for (const [name, value] of Object.entries(extra)) {
          if (value !== undefined) headers.set(name, value);
        }
        headers.set("authorization", `Bearer ${PASS}`);
        const response = await fetch(`${backend.url}${path}`, {
          method,
          headers,
          // A route that refuses the method answers before reading the body; a large upload then
          // meets a closed connection (a transport reset, not an answer), so keep that one small.
          body: method !== "POST" ? undefined : path === "/v1/models" ? body.slice(0, 1_000) : body,
          signal: AbortSignal.timeout(20_000),
        });
        const raw = await response.text();
        expect(
          response.status,
          `${method} ${path} ${body.slice(0, 200)}: ${raw.slice(0, 300)}`,
        ).toBeLessThan(500);
        if (response.status >= 400) {
          expectClientError({ status: response.status, json: JSON.parse(raw) });
        }
        expect(response.headers.get("x-request-id") ?? "").toMatch(/^[\w.:-]{1,128}$/);
      }),
      { numRuns: 720 },
    );
  }, 600_000);
});

describe("bodies nested past any sane depth", () => {
  const deepArray = (depth: number) => "[".repeat(depth) + "]".repeat(depth);
  it.each([
    ["the body itself", "/v1/chat/completions", () => deepArray(1_000_000)],
    [
      "google extras",
      "/v1/chat/completions",
      () =>
        `{"model":"gemini-2.5-flash","messages":[{"role":"user","content":"x"}],"google":{"x":${deepArray(1_000_000)}}}`,
    ],
    [
      "a tool result's JSON text",
      "/v1/chat/completions",
      () =>
        `{"model":"gemini-2.5-flash","messages":[{"role":"user","content":"x"},{"role":"assistant","content":null,"tool_calls":[{"id":"c1","type":"function","function":{"name":"f","arguments":"{}"}}]},{"role":"tool","tool_call_id":"c1","content":"${deepArray(1_000_000)}"}]}`,
    ],
    [
      "tool call arguments",
      "/v1/chat/completions",
      () =>
        `{"model":"gemini-2.5-flash","messages":[{"role":"user","content":"x"},{"role":"assistant","content":null,"tool_calls":[{"id":"c1","type":"function","function":{"name":"f","arguments":"{\\"a\\":${deepArray(1_000_000)}}"}}]}]}`,
    ],
    ["embedding input", "/v1/embeddings", () => `{"model":"m","input":${deepArray(1_000_000)}}`],
  ])("answers a million levels in %s with a 4xx, not a 500", async (_label, path, body) => {
    const result = await post(path, body());
    expect(result.status, JSON.stringify(result.json)).toBe(400);
    expectClientError(result);
  });
});
