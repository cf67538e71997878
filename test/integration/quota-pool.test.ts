import OpenAI, { type APIError, type RateLimitError } from "openai";
import { afterEach, describe, expect, it } from "vitest";
import type { QuotaOptions } from "../../emulator/quota/options.ts";
import { shardKeys, startTopology, type Topology } from "../support/topology.ts";
import { keyBindings } from "../support/workerd.ts";

/**
 * The quota-aware pool through the whole topology (orchestrator + backends in workerd) against
 * the emulator's quota mode, in real time with small limits. Each test starts its own topology,
 * so every backend isolate starts with nothing parked.
 */
let topology: Topology | undefined;
afterEach(async () => {
  await topology?.close();
  topology = undefined;
});

const FLASH = "gemini-2.5-flash";
const PRO = "gemini-2.5-pro";

/** One project per key. */
const projectsOf = (shards: string[][], limits: QuotaOptions["defaultLimits"]): QuotaOptions => ({
  projects: shards.flat().map((key, index) => ({ number: String(100 + index), keys: [key] })),
  defaultLimits: limits,
});

const ask = (client: OpenAI, model = FLASH, content = "ping") =>
  client.chat.completions.create({ model, messages: [{ role: "user", content }] });

const settle = (promise: Promise<unknown>) =>
  promise.then(
    () => "ok" as const,
    (error: unknown) => error as APIError,
  );

describe("the quota-aware pool through the topology", () => {
  it("never calls a day-exhausted (key, model) again; then answers 429 daily_quota_exhausted with no upstream call", async () => {
    const shards = shardKeys([3, 3]);
    topology = await startTopology({ shards, emulator: { quota: projectsOf(shards, { rpd: 2 }) } });
    const { client, emulator } = topology;
    const outcomes: unknown[] = [];
    for (let index = 0; index < 20; index++) outcomes.push(await settle(ask(client)));
    // 6 keys × 2 a day = 12 answers, then every key's day is over.
    expect(outcomes.filter((outcome) => outcome === "ok")).toHaveLength(12);
    const events = emulator.quota?.events() ?? [];
    for (const key of shards.flat()) {
      const mine = events.filter((event) => event.key === key && event.model === FLASH);
      const firstRefusal = mine.findIndex((event) => event.outcome === "rpd");
      expect(firstRefusal).toBeGreaterThanOrEqual(0);
      expect(mine.slice(firstRefusal + 1)).toEqual([]);
    }
    const callsBefore = events.length;
    const started = performance.now();
    const error = (await settle(ask(client))) as RateLimitError;
    const elapsed = performance.now() - started;
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    expect(error.code).toBe("daily_quota_exhausted");
    const retryAfter = Number(error.headers?.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(60);
    expect(retryAfter).toBeLessThanOrEqual(25 * 3600);
    expect(error.headers?.get("x-zen-failover")).toBeNull();
    expect(error.headers?.get("x-zen-overloaded-calls")).toBeNull();
    expect(emulator.quota?.events().length).toBe(callsBefore);
    expect(elapsed).toBeLessThan(1000);
    // Another model keeps working on the same keys.
    await expect(ask(client, PRO)).resolves.toBeTruthy();
  });

  it("parks a rate-limited (key, model) until its window ends: one 429 per key and minute at most", async () => {
    const shards = shardKeys([2, 2]);
    topology = await startTopology({ shards, emulator: { quota: projectsOf(shards, { rpm: 2 }) } });
    const { client, emulator } = topology;
    const outcomes: unknown[] = [];
    for (let index = 0; index < 16; index++) outcomes.push(await settle(ask(client)));
    expect(outcomes.filter((outcome) => outcome === "ok").length).toBeGreaterThanOrEqual(8);
    const refusals = new Map<string, number>();
    for (const event of emulator.quota?.events() ?? []) {
      if (event.outcome !== "rpm") continue;
      const window = `${event.key}@${Math.floor(event.time / 60_000)}`;
      refusals.set(window, (refusals.get(window) ?? 0) + 1);
    }
    expect(Math.max(...refusals.values())).toBe(1);
    const failure = outcomes.find((outcome) => outcome !== "ok") as RateLimitError;
    expect(failure).toBeInstanceOf(OpenAI.RateLimitError);
    expect(failure.code).toBe("rate_limited");
    expect(Number(failure.headers?.get("retry-after"))).toBeLessThanOrEqual(60);
  });

  it("answers every request when one backend is misconfigured (no PASS): it is failed over", async () => {
    const shards = shardKeys([2, 2]);
    topology = await startTopology({
      shards,
      replace: {
        0: { name: "no-pass", entry: "src/index.ts", bindings: keyBindings(shards[0] ?? []) },
      },
    });
    const client = topology.client;
    const outcomes = await Promise.all(Array.from({ length: 16 }, () => settle(ask(client))));
    expect(outcomes.every((outcome) => outcome === "ok")).toBe(true);
  });

  it("answers a 502 naming placement when Gemini refuses the location, tries no other key, parks none", async () => {
    const shards = shardKeys([3]);
    const refusals = Object.fromEntries(shards.flat().map((key) => [key, "location" as const]));
    topology = await startTopology({
      shards,
      emulator: { quota: { projects: [], refusals } },
    });
    const error = (await settle(ask(topology.client))) as APIError;
    expect(error.status).toBe(502);
    expect(error.code).toBe("upstream_location_unsupported");
    expect(error.message).toContain("--placement-region");
    expect(topology.emulator.quota?.events()).toHaveLength(1);
    // Not parked: the next request tries a key again.
    await settle(ask(topology.client));
    expect(topology.emulator.quota?.events()).toHaveLength(2);
  });

  it("fails over to a backend in a supported location", async () => {
    const shards = shardKeys([2, 2]);
    const refusals = Object.fromEntries((shards[0] ?? []).map((key) => [key, "location" as const]));
    topology = await startTopology({ shards, emulator: { quota: { projects: [], refusals } } });
    const client = topology.client;
    const outcomes = await Promise.all(Array.from({ length: 12 }, () => settle(ask(client))));
    expect(outcomes.every((outcome) => outcome === "ok")).toBe(true);
  });

  it("spends at most 2 upstream calls on an overloaded model in the whole topology", async () => {
    const shards = shardKeys([3, 3, 3]);
    topology = await startTopology({ shards });
    for (const key of shards.flat()) {
      topology.emulator.setKeyBehavior(key, { kind: "unavailable" });
    }
    const error = (await settle(ask(topology.client))) as APIError;
    expect(error.status).toBe(503);
    const calls = Object.values(topology.emulator.counts()).reduce((sum, count) => sum + count, 0);
    expect(calls).toBe(2);
  });

  it("prefers a 429 over rejected keys across backends, whichever failed last", async () => {
    const shards = shardKeys([2, 2]);
    topology = await startTopology({ shards });
    for (const key of shards[0] ?? []) {
      topology.emulator.setKeyBehavior(key, { kind: "rate-limit", retryDelaySeconds: 20 });
    }
    for (const key of shards[1] ?? []) topology.emulator.setKeyBehavior(key, { kind: "suspended" });
    for (let round = 0; round < 4; round++) {
      const error = (await settle(ask(topology.client))) as APIError;
      expect(error.status).toBe(429);
    }
  });
});
