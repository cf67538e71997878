import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Emulator, startEmulator } from "../../../emulator/server.ts";
import app from "../../../src/index.ts";

/**
 * The backend app run in Node against the emulator: here no runtime tears the upstream fetch
 * down when the client goes away, so only the request's signal passed through GeminiPool into
 * the fetch can close the upstream connection.
 */
let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ keys: ["n-key-1", "n-key-2"] });
});
afterAll(() => emulator.close());

const env = () => ({ PASS: "p", GEMINI_BASE_URL: emulator.url, KEY1: "n-key-1", KEY2: "n-key-2" });

async function eventually(check: () => boolean, withinMs: number): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  while (Date.now() < deadline && !check()) await new Promise((r) => setTimeout(r, 10));
  return check();
}

function chat(stream: boolean, signal: AbortSignal) {
  return app.request(
    "/v1/chat/completions",
    {
      method: "POST",
      headers: { authorization: "Bearer p", "content-type": "application/json" },
      body: JSON.stringify({
        model: "gemini-2.5-flash",
        messages: [{ role: "user", content: "one two three four" }],
        stream,
      }),
      signal,
    },
    env(),
  );
}

describe("the client's request signal reaches the upstream fetch", () => {
  it.each([false, true])(
    "closes the upstream connection when the client goes away before Gemini answers (stream: %s), trying no other key",
    async (stream) => {
      emulator.reset();
      emulator.setOptions({ latencyMs: 3_000, streamIntervalMs: 0 });
      const client = new AbortController();
      const answer = chat(stream, client.signal);
      expect(await eventually(() => emulator.requests().length === 1, 2_000)).toBe(true);
      client.abort();
      const response = await answer;
      expect(response.status).toBe(499);
      expect(await eventually(() => emulator.aborted().length === 1, 1_000)).toBe(true);
      expect(emulator.requests()).toHaveLength(1);
    },
  );

  it("closes the upstream connection when the client goes away in the middle of a stream", async () => {
    emulator.reset();
    emulator.setOptions({ latencyMs: 0, streamIntervalMs: 2_000 });
    const client = new AbortController();
    const response = await chat(true, client.signal);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    await reader.read();
    client.abort();
    expect(await eventually(() => emulator.aborted().length === 1, 1_000)).toBe(true);
    await reader.cancel().catch(() => {});
  });
});
