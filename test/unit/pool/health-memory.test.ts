import { describe, expect, it } from "vitest";
import { UpstreamError, type UpstreamFault } from "../../../src/gemini/upstream-error.ts";
import { HEALTH_MEMORY_LIMITS, HealthMemory, PARK_RULES } from "../../../src/pool/health-memory.ts";

/** A clock the test moves by hand. */
function fakeClock(start = Date.parse("2026-01-15T12:00:20Z")) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

const failure = (fault: UpstreamFault, retryAfterSeconds: number | null = null) =>
  new UpstreamError({ status: 429, message: fault, fault, retryAfterSeconds });

const FLASH = "gemini-2.5-flash";
const PRO = "gemini-2.5-pro";

describe("HealthMemory", () => {
  it('parks a per-minute 429 whose retryDelay is "0s" for a second all the same', () => {
    const clock = fakeClock();
    const memory = new HealthMemory(clock.now);
    memory.recordFailure("a", FLASH, failure("rate-limited", 0));
    expect(memory.claim("a", FLASH)).toBe(false);
    clock.advance(PARK_RULES.minRateLimitS * 1000);
    expect(memory.claim("a", FLASH)).toBe(true);
  });

  it("parks a rate-limited (key, model) for retryDelay, other models and keys stay free", () => {
    const clock = fakeClock();
    const memory = new HealthMemory(clock.now);
    memory.recordFailure("a", FLASH, failure("rate-limited", 7));
    expect(memory.parkOf("a", FLASH)).toMatchObject({ reason: "rate_limited" });
    expect(memory.parkOf("a", PRO)).toBeNull();
    expect(memory.parkOf("b", FLASH)).toBeNull();
    clock.advance(6_999);
    expect(memory.claim("a", FLASH)).toBe(false);
    clock.advance(1);
    expect(memory.claim("a", FLASH)).toBe(true);
  });

  it("parks a rate limit without a delay until the next whole minute", () => {
    const clock = fakeClock(Date.parse("2026-01-15T12:00:20Z"));
    const memory = new HealthMemory(clock.now);
    memory.recordFailure("a", FLASH, failure("rate-limited"));
    expect(memory.parkOf("a", FLASH)?.until).toBe(Date.parse("2026-01-15T12:01:00Z"));
  });

  it("parks a per-day exhaustion until midnight Pacific, whatever retryDelay says", () => {
    const clock = fakeClock(Date.parse("2026-01-15T12:00:00Z"));
    const memory = new HealthMemory(clock.now);
    memory.recordFailure("a", FLASH, failure("daily-quota", 36));
    expect(memory.parkOf("a", FLASH)).toEqual({
      reason: "daily_quota_exhausted",
      until: Date.parse("2026-01-16T08:00:00Z"),
    });
    clock.advance(60_000);
    expect(memory.claim("a", FLASH)).toBe(false);
  });

  it("parks a model with limit 0 for 24 hours", () => {
    const clock = fakeClock();
    const memory = new HealthMemory(clock.now);
    memory.recordFailure("a", PRO, failure("no-quota", 10));
    expect(memory.parkOf("a", PRO)?.until).toBe(clock.now() + PARK_RULES.noQuotaMs);
  });

  it("cools a bare 429 down for 10 s, doubling on repeats up to 5 minutes, reset by a success", () => {
    const clock = fakeClock();
    const memory = new HealthMemory(clock.now);
    const cooldowns: number[] = [];
    for (let strike = 0; strike < 7; strike++) {
      memory.recordFailure("a", FLASH, failure("quota-unspecified"));
      const park = memory.parkOf("a", FLASH);
      cooldowns.push(((park?.until ?? 0) - clock.now()) / 1000);
      clock.advance((park?.until ?? 0) - clock.now());
    }
    expect(cooldowns).toEqual([10, 20, 40, 80, 160, 300, 300]);
    memory.recordSuccess("a", FLASH);
    memory.recordFailure("a", FLASH, failure("quota-unspecified"));
    expect(((memory.parkOf("a", FLASH)?.until ?? 0) - clock.now()) / 1000).toBe(10);
  });

  it("parks a rejected key for every model for an hour, then lets exactly one request probe it", () => {
    const clock = fakeClock();
    const memory = new HealthMemory(clock.now);
    memory.recordFailure("a", FLASH, failure("key-rejected"));
    expect(memory.parkOf("a", PRO)).toMatchObject({ reason: "key_rejected" });
    expect(memory.parkOf("a", null)).toMatchObject({ reason: "key_rejected" });
    clock.advance(PARK_RULES.keyRejectedMs);
    expect(memory.claim("a", PRO)).toBe(true);
    expect(memory.claim("a", FLASH)).toBe(false);
    memory.recordFailure("a", PRO, failure("key-rejected"));
    clock.advance(PARK_RULES.keyRejectedMs - 1);
    expect(memory.claim("a", FLASH)).toBe(false);
    clock.advance(1);
    expect(memory.claim("a", FLASH)).toBe(true);
    memory.recordSuccess("a", FLASH);
    expect(memory.claim("a", PRO)).toBe(true);
  });

  it("never parks for an overloaded model, a server error or a refused location", () => {
    const memory = new HealthMemory(fakeClock().now);
    for (const fault of ["overloaded", "server", "location", "client"] as const) {
      memory.recordFailure("a", FLASH, failure(fault, 30));
    }
    expect(memory.parkOf("a", FLASH)).toBeNull();
  });

  it("never parks a key for a model when listing models", () => {
    const memory = new HealthMemory(fakeClock().now);
    memory.recordFailure("a", null, failure("daily-quota"));
    memory.recordFailure("a", null, failure("quota-unspecified"));
    expect(memory.parkOf("a", null)).toBeNull();
    expect(memory.parkOf("a", FLASH)).toBeNull();
  });

  it("reports counts only: healthy keys and parked keys by reason", () => {
    const memory = new HealthMemory(fakeClock().now);
    memory.recordFailure("a", FLASH, failure("daily-quota"));
    memory.recordFailure("a", PRO, failure("rate-limited", 30));
    memory.recordFailure("b", FLASH, failure("key-rejected"));
    expect(memory.summary(["a", "b", "c", "d"])).toEqual({
      healthy: 2,
      parked: {
        rate_limited: 1,
        daily_quota_exhausted: 1,
        no_quota_for_model: 0,
        cooling_down: 0,
        key_rejected: 1,
      },
    });
  });
});

describe("HealthMemory's bound", () => {
  it(`holds at most ${HEALTH_MEMORY_LIMITS.modelsPerKey} models per key, however many names clients send`, () => {
    const clock = fakeClock();
    const memory = new HealthMemory(clock.now);
    for (let index = 0; index < 10_000; index++) {
      memory.recordFailure("a", `gemini-made-up-${index}`, failure("daily-quota"));
    }
    expect(memory.modelEntries).toBe(HEALTH_MEMORY_LIMITS.modelsPerKey);
    // The newest parks are the ones kept.
    expect(memory.parkOf("a", "gemini-made-up-9999")).toMatchObject({
      reason: "daily_quota_exhausted",
    });
    expect(memory.parkOf("a", "gemini-made-up-0")).toBeNull();
  });

  it("makes room by dropping models whose park is over before any live park", () => {
    const clock = fakeClock();
    const memory = new HealthMemory(clock.now);
    memory.recordFailure("a", FLASH, failure("daily-quota"));
    for (let index = 1; index < HEALTH_MEMORY_LIMITS.modelsPerKey; index++) {
      memory.recordFailure("a", `short-${index}`, failure("rate-limited", 1));
    }
    clock.advance(2_000);
    memory.recordFailure("a", PRO, failure("rate-limited", 60));
    // The expired short parks went; the oldest entry, a live day park, stayed.
    expect(memory.parkOf("a", FLASH)).toMatchObject({ reason: "daily_quota_exhausted" });
    expect(memory.parkOf("a", PRO)).toMatchObject({ reason: "rate_limited" });
    expect(memory.modelEntries).toBe(2);
  });

  it("forgets a model once it answers: a success leaves no entry behind", () => {
    const memory = new HealthMemory(fakeClock().now);
    memory.recordFailure("a", FLASH, failure("quota-unspecified"));
    memory.recordSuccess("a", FLASH);
    expect(memory.modelEntries).toBe(0);
  });

  it(`keeps at most ${HEALTH_MEMORY_LIMITS.keys} keys`, () => {
    const memory = new HealthMemory(fakeClock().now);
    for (let index = 0; index < HEALTH_MEMORY_LIMITS.keys + 50; index++) {
      memory.recordFailure(`key-${index}`, FLASH, failure("daily-quota"));
      memory.recordFailure(`key-${index}`, null, failure("key-rejected"));
      memory.recordSuccess(`key-${index}`, PRO);
      memory.begin(`key-${index}`);
    }
    expect(memory.modelEntries).toBe(HEALTH_MEMORY_LIMITS.keys);
    expect(memory.parkOf("key-0", null)).toBeNull();
    expect(memory.describe("key-0").seen).toBe(false);
  });
});
