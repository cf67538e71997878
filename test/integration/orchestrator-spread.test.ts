import { afterEach, describe, expect, it } from "vitest";
import { runBounded, shardKeys, startTopology, type Topology } from "../support/topology.ts";

/**
 * Traffic must reach every KEY equally, not every backend: 3000 cheap requests through the
 * orchestrator, counted per key at the emulator.
 */
const REQUESTS = 3000;
const CONCURRENCY = 16;

let topology: Topology | undefined;
afterEach(async () => {
  await topology?.close();
  topology = undefined;
});

async function perKeyCounts(sizes: number[], { weighted = true, requests = REQUESTS } = {}) {
  topology = await startTopology({ shards: shardKeys(sizes), weighted });
  const { client } = topology;
  await runBounded(requests, CONCURRENCY, () => client.models.retrieve("gemini-2.5-flash"));
  const counts = topology.emulator.counts();
  const keys = topology.shards.flat();
  const perKey = keys.map((key) => counts[key] ?? 0);
  const total = perKey.reduce((sum, count) => sum + count, 0);
  return { perKey, total, mean: total / keys.length };
}

describe("spreading traffic over keys", () => {
  it("reaches all 17 keys evenly with the even 6/6/5 sharding", async () => {
    const { perKey, total, mean } = await perKeyCounts([6, 6, 5]);
    expect(total).toBe(REQUESTS);
    expect(Math.min(...perKey)).toBeGreaterThan(0);
    expect(Math.max(...perKey)).toBeLessThan(1.3 * mean);
  });

  it("reaches all 17 keys evenly with an uneven 8/8/1 layout weighted 8/8/1", async () => {
    const { perKey, total, mean } = await perKeyCounts([8, 8, 1]);
    expect(total).toBe(REQUESTS);
    expect(Math.min(...perKey)).toBeGreaterThan(0);
    // Uniform choice over backends would give the lone key of backend 2 about 5.7 × the mean.
    expect(Math.max(...perKey)).toBeLessThan(1.3 * mean);
  });

  it("would overload the lone key of an 8/8/1 layout without weights (why weights exist)", async () => {
    const { perKey, mean } = await perKeyCounts([8, 8, 1], { weighted: false, requests: 600 });
    // Uniform over backends: a third of the traffic lands on one of 17 keys, about 5.7 × the mean.
    expect(perKey.at(-1)).toBeGreaterThan(4 * mean);
  });
});
