/**
 * The quota scenario on a simulated clock: every second of SIMULATED_MINUTES, the offered
 * requests of that second go through the in-process topology to the emulator's quota mode, which
 * reads the same clock as the pools' health memories. Run once with health memory and once with
 * a memory that never parks ("no health memory": yesterday's blind retry) to show the gain.
 */
import { type Emulator, startEmulator } from "../../emulator/server.ts";
import type { UpstreamError } from "../../src/gemini/upstream-error.ts";
import { HealthMemory } from "../../src/pool/health-memory.ts";
import { inProcessTopology } from "./in-process-topology.ts";
import {
  capacityPerMinute,
  KEYS,
  LOAD_FACTOR,
  MODELS,
  quotaOptions,
  SHARDS,
  SIMULATED_MINUTES,
} from "./scenario.ts";

/** A memory that learns nothing: every key is tried on every request, as before issue 10. */
class NoHealthMemory extends HealthMemory {
  override recordFailure(_key: string, _model: string | null, _error: UpstreamError) {}
}

export type MemoryMode = "health memory" | "no health memory";

export interface QuotaFigures {
  mode: MemoryMode;
  offered: number;
  succeeded: number;
  upstreamCalls: number;
  /** Upstream calls per successful request, from the second minute until the last success. */
  callsPerSuccessAfterWarmup: number;
  /** Calls to a (key, model) after its backend first saw its daily quota exhausted (or limit 0). */
  callsToDeadKeyModelAfterFirstSeen: number;
  /** Requests refused although, at the end of their second, some project could still serve them. */
  refusedWhileCapacityRemained: number;
  /** Successes / requests some key could have served (min(offered, headroom) per second). */
  servedOfServable: number;
  /** Requests answered once no key could serve their model any more (daily quotas spent). */
  allParked: { requests: number; upstreamCalls: number; medianMs: number; p95Ms: number };
}

// 09:00 Pacific: the simulated day never reaches midnight.
const START = Date.parse("2026-01-15T17:00:00Z");

export async function simulate(mode: MemoryMode): Promise<QuotaFigures> {
  let now = START;
  const clock = () => now;
  const emulator: Emulator = await startEmulator({ keys: KEYS, quota: quotaOptions(clock) });
  const quota = emulator.quota;
  if (!quota) throw new Error("the emulator did not start its quota mode");
  const topology = inProcessTopology(emulator.url, SHARDS, () =>
    mode === "health memory" ? new HealthMemory(clock) : new NoHealthMemory(clock),
  );
  const perSecond = Object.fromEntries(
    MODELS.map((model) => [model, (LOAD_FACTOR * capacityPerMinute(model)) / 60]),
  );
  const owed = Object.fromEntries(MODELS.map((model) => [model, 0]));
  let offered = 0;
  let succeeded = 0;
  let servable = 0;
  let refusedWithCapacity = 0;
  let lastSuccessAt = START;
  const successesAt: number[] = [];
  const parkedTimes: number[] = [];
  let parkedRequests = 0;
  let parkedCalls = 0;
  try {
    for (let second = 0; second < SIMULATED_MINUTES * 60; second++) {
      now = START + second * 1000;
      const batch: string[] = [];
      for (const model of MODELS) {
        owed[model] = (owed[model] ?? 0) + (perSecond[model] ?? 0);
        while ((owed[model] ?? 0) >= 1) {
          owed[model] = (owed[model] ?? 0) - 1;
          batch.push(model);
        }
      }
      const headroomBefore = Object.fromEntries(MODELS.map((m) => [m, quota.headroom(m)]));
      const callsBefore = quota.events().length;
      const results = await Promise.all(
        batch.map(async (model) => {
          const started = performance.now();
          const response = await topology.ask(model);
          await response.body?.cancel();
          return { model, ok: response.ok, ms: performance.now() - started };
        }),
      );
      const calls = quota.events().length - callsBefore;
      offered += batch.length;
      for (const model of MODELS) {
        const mine = results.filter((result) => result.model === model);
        const ok = mine.filter((result) => result.ok).length;
        succeeded += ok;
        servable += Math.min(mine.length, headroomBefore[model] ?? 0);
        refusedWithCapacity += Math.min(mine.length - ok, quota.headroom(model));
        if (ok > 0) lastSuccessAt = now;
        for (let index = 0; index < ok; index++) successesAt.push(now);
      }
      // Seconds in which no key could serve any model any more: the all-parked answer.
      if (MODELS.every((model) => (headroomBefore[model] ?? 0) === 0) && batch.length > 0) {
        parkedRequests += batch.length;
        parkedCalls += calls;
        parkedTimes.push(...results.map((result) => result.ms));
      }
    }
  } finally {
    await emulator.close();
  }
  const events = quota.events();
  const warm = START + 60_000;
  const callsAfterWarmup = events.filter(
    (event) => event.time >= warm && event.time <= lastSuccessAt,
  ).length;
  const successesAfterWarmup = successesAt.filter((time) => time >= warm).length;
  return {
    mode,
    offered,
    succeeded,
    upstreamCalls: events.length,
    callsPerSuccessAfterWarmup: callsAfterWarmup / Math.max(1, successesAfterWarmup),
    callsToDeadKeyModelAfterFirstSeen: callsAfterDeath(events),
    refusedWhileCapacityRemained: refusedWithCapacity,
    servedOfServable: succeeded / Math.max(1, servable),
    allParked: {
      requests: parkedRequests,
      upstreamCalls: parkedCalls,
      medianMs: quantile(parkedTimes, 0.5),
      p95Ms: quantile(parkedTimes, 0.95),
    },
  };
}

function callsAfterDeath(events: ReturnType<NonNullable<Emulator["quota"]>["events"]>): number {
  const diedAt = new Map<string, number>();
  let calls = 0;
  for (const event of events) {
    const id = `${event.key}\u0000${event.model}`;
    if (diedAt.has(id)) calls++;
    else if (event.outcome === "rpd" || event.outcome === "limit-0") diedAt.set(id, event.time);
  }
  return calls;
}

function quantile(values: number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}
