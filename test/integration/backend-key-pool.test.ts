import OpenAI, { type APIError, type RateLimitError } from "openai";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type BackendFixture, startBackend } from "../support/backend.ts";

const KEYS = ["pool-key-1", "pool-key-2", "pool-key-3", "pool-key-4"];
let backend: BackendFixture;
// A fresh backend (and so a fresh isolate, with nothing parked) for every test.
beforeEach(async () => {
  backend = await startBackend({ keys: KEYS });
});
afterEach(() => backend.close());

const ask = (content = "ping") =>
  backend.client.chat.completions.create({
    model: "gemini-2.5-flash",
    messages: [{ role: "user", content }],
  });

describe("the key pool", () => {
  it("spreads traffic over all healthy keys", async () => {
    for (let round = 0; round < 20; round++)
      await Promise.all(Array.from({ length: 10 }, () => ask()));
    const counts = backend.emulator.counts();
    for (const key of KEYS) expect(counts[key]).toBeGreaterThan(25);
  });

  it("still answers every request when some keys are rate-limited or revoked", async () => {
    backend.emulator.setKeyBehavior("pool-key-1", { kind: "rate-limit", retryDelaySeconds: 5 });
    backend.emulator.setKeyBehavior("pool-key-2", { kind: "suspended" });
    const results = await Promise.allSettled(Array.from({ length: 60 }, () => ask()));
    expect(results.filter((result) => result.status === "rejected")).toHaveLength(0);
    const counts = backend.emulator.counts();
    expect(counts["pool-key-3"]).toBeGreaterThan(0);
    expect(counts["pool-key-4"]).toBeGreaterThan(0);
  });

  it("answers 429 with Retry-After when every key is rate-limited", async () => {
    for (const key of KEYS) {
      backend.emulator.setKeyBehavior(key, { kind: "rate-limit", retryDelaySeconds: 12 });
    }
    const error = await ask().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    expect((error as RateLimitError).headers?.get("retry-after")).toBe("12");
    for (const key of KEYS) expect(backend.emulator.counts()[key]).toBe(1);
  });

  it("parks rate-limited keys: the next request is answered 429 at once, with no upstream call", async () => {
    for (const key of KEYS) {
      backend.emulator.setKeyBehavior(key, { kind: "rate-limit", retryDelaySeconds: 30 });
    }
    await ask().catch(() => null);
    const total = () => Object.values(backend.emulator.counts()).reduce((sum, n) => sum + n, 0);
    expect(total()).toBe(KEYS.length);
    const started = performance.now();
    const error = await ask().catch((caught: unknown) => caught);
    const elapsedMs = performance.now() - started;
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    expect((error as RateLimitError).code).toBe("rate_limited");
    expect(Number((error as RateLimitError).headers?.get("retry-after"))).toBeGreaterThanOrEqual(
      29,
    );
    expect(total()).toBe(KEYS.length);
    expect(elapsedMs).toBeLessThan(1000);
    const health = (await (await fetch(`${backend.url}/health`)).json()) as {
      pool: { healthy: number; parked: Record<string, number> };
    };
    expect(health.pool.healthy).toBe(0);
    expect(health.pool.parked.rate_limited).toBe(KEYS.length);
    expect(JSON.stringify(health)).not.toMatch(/pool-key/);
  });

  it("answers 503 in OpenAI's shape when every key meets an overloaded model, after a bounded number of tries", async () => {
    for (const key of KEYS) backend.emulator.setKeyBehavior(key, { kind: "unavailable" });
    const error = await ask().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.InternalServerError);
    expect((error as APIError).status).toBe(503);
    const total = Object.values(backend.emulator.counts()).reduce((sum, count) => sum + count, 0);
    expect(total).toBe(2);
  });

  it("never shows a key's value in an error, even when Gemini's message contains it", async () => {
    for (const key of KEYS) backend.emulator.setKeyBehavior(key, { kind: "suspended" });
    const error = (await ask().catch((caught: unknown) => caught)) as APIError;
    expect(error.status).toBe(502);
    const text = JSON.stringify(error.error) + error.message;
    expect(text).toContain("suspended");
    for (const key of KEYS) expect(text).not.toContain(key);
  });

  it("does not retry the client's own bad request on other keys", async () => {
    const error = await backend.client.chat.completions
      .create({
        model: "gemini-2.5-flash",
        messages: [{ role: "user", content: "hi" }],
        // @ts-expect-error Gemini-only passthrough with an unknown field
        google: { safety_settings: [{ category: "HARM_CATEGORY_NOPE", threshold: "BLOCK_NONE" }] },
      })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    const total = Object.values(backend.emulator.counts()).reduce((sum, count) => sum + count, 0);
    expect(total).toBe(1);
  });

  it("fails over to another key when a stream breaks before its first event", async () => {
    backend.emulator.setKeyBehavior("pool-key-1", { kind: "cut-stream", afterChunks: 0 });
    backend.emulator.setKeyBehavior("pool-key-2", { kind: "cut-stream", afterChunks: 0 });
    for (let round = 0; round < 8; round++) {
      const stream = await backend.client.chat.completions.create({
        model: "gemini-2.5-flash",
        messages: [{ role: "user", content: "stream" }],
        stream: true,
      });
      let text = "";
      for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? "";
      expect(text).toContain("stream");
    }
  });

  it("ends a stream that breaks mid-way with an error event and no [DONE]", async () => {
    for (const key of KEYS)
      backend.emulator.setKeyBehavior(key, { kind: "cut-stream", afterChunks: 2 });
    const stream = await backend.client.chat.completions.create({
      model: "gemini-2.5-flash",
      messages: [{ role: "user", content: "a long enough prompt to be split into several chunks" }],
      stream: true,
    });
    const finishes: unknown[] = [];
    const error = await (async () => {
      for await (const chunk of stream) finishes.push(chunk.choices[0]?.finish_reason);
    })().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect(finishes).not.toContain("stop");
  });

  it("turns an error event inside a 200 stream into an OpenAI error event", async () => {
    for (const key of KEYS) {
      backend.emulator.setKeyBehavior(key, { kind: "error-in-stream", afterChunks: 2 });
    }
    const stream = await backend.client.chat.completions.create({
      model: "gemini-2.5-flash",
      messages: [{ role: "user", content: "a long enough prompt to be split into several chunks" }],
      stream: true,
    });
    const error = await (async () => {
      for await (const _chunk of stream) {
        // drain
      }
    })().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.APIError);
  });
});
