import { describe, expect, it } from "vitest";
import { ApiError } from "../../../common/api-error.ts";
import type { ApiKey } from "../../../src/gemini/api-key.ts";
import { UpstreamError } from "../../../src/gemini/upstream-error.ts";
import { type Attempt, withKeyFailover } from "../../../src/pool/key-failover.ts";

const keys: ApiKey[] = [1, 2, 3, 4].map((index) => ({ index, value: `test-key-${index}` }));
const failure = (status: number, retry: UpstreamError["retry"], retryAfterSeconds?: number) =>
  new UpstreamError({ status, message: `failed ${status}`, retry, retryAfterSeconds });

describe("withKeyFailover", () => {
  it("tries another key after a rate limit and succeeds", async () => {
    const attempts: Attempt[] = [];
    const tried: number[] = [];
    const result = await withKeyFailover(
      keys,
      async (key) => {
        tried.push(key.index);
        if (tried.length < 3) throw failure(429, "other-key");
        return "answer";
      },
      attempts,
    );
    expect(result).toBe("answer");
    expect(new Set(tried).size).toBe(3);
    expect(attempts.map((attempt) => attempt.outcome)).toEqual([429, 429, "ok"]);
  });

  it("tries every key exactly once and then reports the shortest Retry-After", async () => {
    const tried: number[] = [];
    const error = await withKeyFailover(keys, async (key) => {
      tried.push(key.index);
      throw failure(429, "other-key", key.index * 10);
    }).catch((caught: unknown) => caught);
    expect(tried.sort()).toEqual([1, 2, 3, 4]);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(429);
    expect((error as ApiError).headers["retry-after"]).toBe("10");
  });

  it("never retries the client's bad request on another key", async () => {
    let calls = 0;
    const error = await withKeyFailover(keys, async () => {
      calls++;
      throw failure(400, "never");
    }).catch((caught: unknown) => caught);
    expect(calls).toBe(1);
    expect((error as ApiError).status).toBe(400);
  });

  it("gives up on an overloaded model after two attempts", async () => {
    let calls = 0;
    const error = await withKeyFailover(keys, async () => {
      calls++;
      throw failure(503, "overloaded");
    }).catch((caught: unknown) => caught);
    expect(calls).toBe(2);
    expect((error as ApiError).status).toBe(503);
  });

  it("answers 503 when the worker has no keys", async () => {
    const error = await withKeyFailover([], async () => "never").catch((caught: unknown) => caught);
    expect((error as ApiError).status).toBe(503);
    expect((error as ApiError).code).toBe("no_keys_configured");
  });

  it("starts from a random key, so traffic spreads over all keys", async () => {
    const firstChoices = new Map<number, number>();
    for (let round = 0; round < 4000; round++) {
      await withKeyFailover(keys, async (key) => {
        firstChoices.set(key.index, (firstChoices.get(key.index) ?? 0) + 1);
      });
    }
    for (const count of firstChoices.values()) expect(count).toBeGreaterThan(800);
  });
});
