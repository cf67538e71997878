import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type Emulator, startEmulator } from "../../emulator/server.ts";
import { call, generate, KEY, sseEvents, userText } from "./call-emulator.ts";

const OTHER = "test-key-2";
let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ keys: [KEY, OTHER], streamChunks: 4 });
});
afterAll(() => emulator.close());
afterEach(() => emulator.reset());

const stream = (key = KEY) =>
  fetch(`${emulator.url}/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse`, {
    method: "POST",
    headers: { "x-goog-api-key": key },
    body: JSON.stringify(userText("one two three four five six seven eight")),
  });

describe("keys", () => {
  it("answers a wrong key with Google's API_KEY_INVALID error", async () => {
    const answer = await generate(emulator, "gemini-2.5-flash", userText("hi"), "wrong-key");
    expect(answer.status).toBe(400);
    expect(answer.json.error).toMatchObject({
      code: 400,
      message: "API key not valid. Please pass a valid API key.",
      status: "INVALID_ARGUMENT",
      details: [
        {
          "@type": "type.googleapis.com/google.rpc.ErrorInfo",
          reason: "API_KEY_INVALID",
          domain: "googleapis.com",
          metadata: { service: "generativelanguage.googleapis.com" },
        },
      ],
    });
  });

  it("answers a missing key with 403 PERMISSION_DENIED", async () => {
    const answer = await call(emulator, "/v1beta/models", { key: null });
    expect(answer.status).toBe(403);
    expect(answer.json.error.status).toBe("PERMISSION_DENIED");
    expect(answer.json.error.message).toMatch(/^Method doesn't allow unregistered callers/);
  });

  it("takes the key from ?key= too", async () => {
    const answer = await call(emulator, `/v1beta/models?key=${OTHER}`, { key: null });
    expect(answer.status).toBe(200);
    expect(emulator.counts()).toEqual({ [OTHER]: 1 });
  });

  it("accepts any non-empty key when started without keys", async () => {
    const open = await startEmulator();
    try {
      expect((await call(open, "/v1beta/models", { key: "whatever" })).status).toBe(200);
      expect((await call(open, "/v1beta/models", { key: null })).status).toBe(403);
    } finally {
      await open.close();
    }
  });

  it("counts every request per key and records method, path, key and body", async () => {
    await generate(emulator, "gemini-2.5-flash", userText("a"));
    await generate(emulator, "gemini-2.5-flash", userText("b"), OTHER);
    await generate(emulator, "gemini-2.5-flash", { bad: true }, OTHER);
    expect(emulator.counts()).toEqual({ [KEY]: 1, [OTHER]: 2 });
    expect(emulator.requests()[0]).toEqual({
      method: "POST",
      path: "/v1beta/models/gemini-2.5-flash:generateContent",
      key: KEY,
      body: userText("a"),
      status: 200,
      project: `key:${KEY}`,
    });
    emulator.reset();
    expect(emulator.counts()).toEqual({});
    expect(emulator.requests()).toEqual([]);
  });
});

describe("fault behaviours", () => {
  it("answers 429 RESOURCE_EXHAUSTED with a RetryInfo retryDelay for a rate-limited key", async () => {
    emulator.setKeyBehavior(KEY, { kind: "rate-limit", retryDelaySeconds: 17 });
    const answer = await generate(emulator, "gemini-2.5-flash", userText("hi"));
    expect(answer.status).toBe(429);
    expect(answer.json.error.status).toBe("RESOURCE_EXHAUSTED");
    expect(answer.json.error.details).toContainEqual({
      "@type": "type.googleapis.com/google.rpc.RetryInfo",
      retryDelay: "17s",
    });
    expect((await generate(emulator, "gemini-2.5-flash", userText("hi"), OTHER)).status).toBe(200);
  });

  it("answers 503, 500 and a suspended-consumer 403 that contains the key", async () => {
    emulator.setKeyBehavior(KEY, { kind: "unavailable" });
    const overloaded = await generate(emulator, "gemini-2.5-flash", userText("hi"));
    expect([overloaded.status, overloaded.json.error.message]).toEqual([
      503,
      "The model is overloaded. Please try again later.",
    ]);
    emulator.setKeyBehavior(KEY, { kind: "internal" });
    expect((await generate(emulator, "gemini-2.5-flash", userText("hi"))).json.error.status).toBe(
      "INTERNAL",
    );
    emulator.setKeyBehavior(KEY, { kind: "suspended" });
    const suspended = await generate(emulator, "gemini-2.5-flash", userText("hi"));
    expect(suspended.status).toBe(403);
    expect(suspended.json.error.message).toBe(`Consumer 'api_key:${KEY}' has been suspended.`);
    emulator.setKeyBehavior(KEY, null);
    expect((await generate(emulator, "gemini-2.5-flash", userText("hi"))).status).toBe(200);
  });

  it("cuts the connection of a stream after the given number of chunks", async () => {
    emulator.setKeyBehavior(KEY, { kind: "cut-stream", afterChunks: 2 });
    const response = await stream();
    expect(response.status).toBe(200);
    const reader = response.body?.getReader();
    let received = "";
    const failure = await (async () => {
      for (;;) {
        const next = await reader?.read();
        if (!next || next.done) return null;
        received += new TextDecoder().decode(next.value);
      }
    })().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Error);
    expect(sseEvents(received)).toHaveLength(2);
  });

  it("ends a stream properly after the given number of chunks, without its finishing chunk", async () => {
    emulator.setKeyBehavior(KEY, { kind: "end-stream", afterChunks: 2 });
    const response = await stream();
    expect(response.status).toBe(200);
    const events = sseEvents(await response.text());
    expect(events).toHaveLength(2);
    expect(JSON.stringify(events)).not.toContain("finishReason");
  });

  it("sends an error event inside a 200 stream after the given number of chunks", async () => {
    emulator.setKeyBehavior(KEY, { kind: "error-in-stream", afterChunks: 1 });
    const response = await stream();
    expect(response.status).toBe(200);
    const events = sseEvents(await response.text()) as Array<Record<string, { status?: string }>>;
    expect(events).toHaveLength(2);
    expect(events[0]).toHaveProperty("candidates");
    expect(events[1]?.error?.status).toBe("INTERNAL");
  });

  it("delays every answer by latencyMs", async () => {
    emulator.setOptions({ latencyMs: 150 });
    const started = Date.now();
    await call(emulator, "/v1beta/models");
    emulator.setOptions({ latencyMs: 0 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });
});

describe("the /_emulator/ control API", () => {
  it("sets behaviours and options, reports counts and resets over HTTP", async () => {
    const post = (path: string, body: unknown) =>
      fetch(`${emulator.url}/_emulator/${path}`, { method: "POST", body: JSON.stringify(body) });
    expect((await post("behavior", { key: OTHER, behavior: { kind: "unavailable" } })).status).toBe(
      200,
    );
    expect((await generate(emulator, "gemini-2.5-flash", userText("hi"), OTHER)).status).toBe(503);
    const counts = await (await fetch(`${emulator.url}/_emulator/counts`)).json();
    expect(counts).toEqual({ [OTHER]: 1 });
    expect((await post("options", { streamChunks: 2 })).status).toBe(200);
    expect((await post("options", { nope: 1 })).status).toBe(400);
    expect((await post("reset", {})).status).toBe(200);
    expect(emulator.counts()).toEqual({});
    expect((await generate(emulator, "gemini-2.5-flash", userText("hi"), OTHER)).status).toBe(200);
    emulator.setOptions({ streamChunks: 4 });
  });
});
