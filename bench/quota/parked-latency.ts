/**
 * Time to answer when every key is parked, in the real topology (orchestrator + three backends
 * in workerd, the emulator's quota mode in real time): once every key's daily quota is spent and
 * known, a chat request should cost no upstream call and add almost nothing over the gateway's
 * floor — a request the backend refuses itself (a 400 for a bad model name, no upstream call).
 */
import { shardKeys, startTopology } from "../../test/support/topology.ts";

export interface ParkedLatency {
  requests: number;
  upstreamCallsWhileParked: number;
  parkedMedianMs: number;
  parkedP95Ms: number;
  floorMedianMs: number;
  addedMedianMs: number;
}

const ROUNDS = 150;

export async function measureParkedLatency(): Promise<ParkedLatency> {
  const shards = shardKeys([6, 6, 5]);
  const topology = await startTopology({
    shards,
    emulator: {
      quota: {
        projects: shards
          .flat()
          .map((key, index) => ({ number: String(2000 + index), keys: [key] })),
        defaultLimits: { rpd: 1 },
      },
    },
  });
  const post = (model: string) =>
    fetch(`${topology.url}/v1/chat/completions`, {
      method: "POST",
      headers: {
        authorization: "Bearer test-pass-orchestrator",
        "content-type": "application/json",
      },
      body: JSON.stringify({ model, messages: [{ role: "user", content: "ping" }] }),
    });
  const timed = async (model: string) => {
    const started = performance.now();
    const response = await post(model);
    await response.arrayBuffer();
    return { status: response.status, ms: performance.now() - started };
  };
  try {
    // Spend and learn every key's day: each key serves one request, then answers per-day 429s.
    for (let index = 0; index < 60; index++) await timed("gemini-2.5-flash");
    const calls = () => topology.emulator.quota?.events().length ?? 0;
    const before = calls();
    const parked: number[] = [];
    const floor: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const answer = await timed("gemini-2.5-flash");
      if (answer.status !== 429)
        throw new Error(`expected 429 once all keys are parked, got ${answer.status}`);
      parked.push(answer.ms);
      floor.push((await timed("not/a-model")).ms);
    }
    const parkedMedianMs = median(parked);
    const floorMedianMs = median(floor);
    return {
      requests: ROUNDS,
      upstreamCallsWhileParked: calls() - before,
      parkedMedianMs,
      parkedP95Ms: quantile(parked, 0.95),
      floorMedianMs,
      addedMedianMs: parkedMedianMs - floorMedianMs,
    };
  } finally {
    await topology.close();
  }
}

const median = (values: number[]) => quantile(values, 0.5);

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}
