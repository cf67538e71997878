import { describe, expect, it } from "vitest";
import { ApiError } from "../../../common/api-error.ts";
import type { ApiKey } from "../../../src/gemini/api-key.ts";
import { UpstreamError, type UpstreamFault } from "../../../src/gemini/upstream-error.ts";
import { HealthMemory } from "../../../src/pool/health-memory.ts";
import { type PoolRequest, withKeyFailover } from "../../../src/pool/key-failover.ts";

const keys: ApiKey[] = [1, 2, 3, 4].map((index) => ({ index, value: `test-key-${index}` }));
const MODEL = "gemini-2.5-flash";

const failure = (fault: UpstreamFault, status = 429, retryAfterSeconds?: number) =>
  new UpstreamError({ status, message: `failed ${fault}`, fault, retryAfterSeconds });

function setup(start = Date.parse("2026-01-15T12:00:00Z")) {
  let now = start;
  const memory = new HealthMemory(() => now);
  const newRequest = (overloadedSpent = 0): PoolRequest => ({ attempts: [], overloadedSpent });
  const run = <T>(
    attempt: (key: ApiKey) => Promise<T>,
    request = newRequest(),
    model: string | null = MODEL,
  ) => withKeyFailover(keys, attempt, { memory, request, model });
  const fail = <T>(promise: Promise<T>) =>
    promise.then(
      () => {
        throw new Error("expected a failure");
      },
      (error: unknown) => error as ApiError,
    );
  return { memory, run, fail, newRequest, advance: (ms: number) => (now += ms) };
}

describe("withKeyFailover", () => {
  it("tries another key after a rate limit and succeeds", async () => {
    const { run, newRequest } = setup();
    const request = newRequest();
    const tried: number[] = [];
    const result = await run(async (key) => {
      tried.push(key.index);
      if (tried.length < 3) throw failure("rate-limited", 429, 30);
      return "answer";
    }, request);
    expect(result).toBe("answer");
    expect(new Set(tried).size).toBe(3);
    expect(request.attempts.map((attempt) => attempt.outcome)).toEqual([429, 429, "ok"]);
  });

  it("costs no upstream call for a parked key, and answers 429 at once when all are parked", async () => {
    const { run, fail, advance } = setup();
    let calls = 0;
    const first = await fail(
      run(async (key) => {
        calls++;
        throw failure("rate-limited", 429, key.index * 10);
      }),
    );
    expect(calls).toBe(4);
    expect(first.status).toBe(429);
    expect(first.headers["retry-after"]).toBe("10");
    advance(4_000);
    const second = await fail(
      run(async () => {
        calls++;
        return "never";
      }),
    );
    expect(calls).toBe(4);
    expect(second).toBeInstanceOf(ApiError);
    expect(second).toMatchObject({ status: 429, code: "rate_limited", type: "rate_limit_error" });
    expect(second.headers["retry-after"]).toBe("6");
    expect(second.headers["x-zen-failover"]).toBe("another-backend");
    expect(second.message).toContain("0 of 4 keys tried; 4 parked, not called (4 rate_limited)");
    advance(6_000);
    await expect(run(async (key) => key.index)).resolves.toBe(1);
  });

  it("says daily_quota_exhausted with the time to midnight Pacific when every key's day is over", async () => {
    const { run, fail } = setup(Date.parse("2026-01-15T20:00:00Z"));
    const error = await fail(run(async () => Promise.reject(failure("daily-quota", 429, 36))));
    expect(error.code).toBe("daily_quota_exhausted");
    expect(error.headers["retry-after"]).toBe(String(12 * 3600));
  });

  it("says no_quota_for_model when no key's project has quota for the model (limit 0)", async () => {
    const { run, fail } = setup();
    const error = await fail(run(async () => Promise.reject(failure("no-quota", 429, 10))));
    expect(error).toMatchObject({ status: 429, code: "no_quota_for_model" });
    expect(error.message).toContain("limit: 0");
    expect(error.headers["retry-after"]).toBe(String(24 * 3600));
  });

  it("keeps other models working when keys are parked for one", async () => {
    const { run, fail } = setup();
    await fail(run(async () => Promise.reject(failure("daily-quota"))));
    await expect(run(async () => "pro", undefined, "gemini-2.5-pro")).resolves.toBe("pro");
  });

  it("never retries the client's bad request on another key", async () => {
    const { run, fail } = setup();
    let calls = 0;
    const error = await fail(
      run(async () => {
        calls++;
        throw failure("client", 400);
      }),
    );
    expect(calls).toBe(1);
    expect(error.status).toBe(400);
    expect(error.headers["x-zen-failover"]).toBe("no");
  });

  it("answers a refused location with a 502 naming placement, tries no other key, parks nothing", async () => {
    const { run, fail, memory } = setup();
    let calls = 0;
    const error = await fail(
      run(async () => {
        calls++;
        throw failure("location", 400);
      }),
    );
    expect(calls).toBe(1);
    expect(error).toMatchObject({ status: 502, code: "upstream_location_unsupported" });
    expect(error.message).toContain("--placement-region");
    expect(error.headers["x-zen-failover"]).toBe("another-backend");
    expect(keys.every((key) => memory.parkOf(key.value, MODEL) === null)).toBe(true);
  });

  it("spends at most two calls on an overloaded model, counting what other backends spent", async () => {
    const { run, fail, newRequest } = setup();
    let calls = 0;
    const overloaded = async () => {
      calls++;
      throw failure("overloaded", 503);
    };
    const request = newRequest();
    const error = await fail(run(overloaded, request));
    expect(calls).toBe(2);
    expect(error.status).toBe(503);
    expect(error.headers["x-zen-overloaded-calls"]).toBe("2");
    expect(error.headers["x-zen-failover"]).toBe("no");
    calls = 0;
    const afterOne = await fail(run(overloaded, newRequest(1)));
    expect(calls).toBe(1);
    expect(afterOne.headers["x-zen-overloaded-calls"]).toBe("2");
  });

  it("chooses the answer by priority, not by which key failed last", async () => {
    const order: UpstreamFault[][] = [
      ["overloaded", "key-rejected", "rate-limited", "server"],
      ["rate-limited", "server", "key-rejected", "overloaded"],
    ];
    for (const faults of order) {
      const { run, fail } = setup();
      let index = 0;
      const status = { overloaded: 503, "key-rejected": 400, "rate-limited": 429, server: 500 };
      const error = await fail(
        run(async () => {
          const fault = faults[index++] as keyof typeof status;
          throw failure(fault, status[fault], 20);
        }),
      );
      expect(error.status).toBe(429);
      expect(error.headers["retry-after"]).toBe("20");
    }
    const { run, fail } = setup();
    const faults: UpstreamFault[] = ["overloaded", "key-rejected", "server", "server"];
    let index = 0;
    const error = await fail(
      run(async () => Promise.reject(failure(faults[index++] ?? "server", 500))),
    );
    expect(error).toMatchObject({ status: 502, code: "upstream_key_rejected" });
  });

  it("counts the keys tried per request in its message", async () => {
    const { run, fail } = setup();
    let index = 0;
    const error = await fail(
      run(async () => {
        index++;
        throw failure(index === 1 ? "server" : "key-rejected", index === 1 ? 500 : 403);
      }),
    );
    expect(error.message).toContain("(4 keys tried)");
    expect(error.message).toContain("4 of 4 keys tried (1 server, 3 key-rejected)");
  });

  it("answers 503 when the worker has no keys, and lets another backend try", async () => {
    const error = await withKeyFailover([], async () => "never", {
      memory: new HealthMemory(),
      request: { attempts: [], overloadedSpent: 0 },
      model: MODEL,
    }).then(
      () => null,
      (caught: unknown) => caught as ApiError,
    );
    expect(error).toMatchObject({ status: 503, code: "no_keys_configured" });
    expect(error?.headers["x-zen-failover"]).toBe("another-backend");
  });

  it("starts from a random key, so traffic spreads over all keys", async () => {
    const { run } = setup();
    const firstChoices = new Map<number, number>();
    for (let round = 0; round < 4000; round++) {
      await run(async (key) => {
        firstChoices.set(key.index, (firstChoices.get(key.index) ?? 0) + 1);
      });
    }
    for (const count of firstChoices.values()) expect(count).toBeGreaterThan(800);
  });
});
