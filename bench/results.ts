/** The benchmark's results and what is derived from them: added latency, ratios, ceiling flags. */

import type { Breakdown } from "./breakdown.ts";
import type { CpuTable } from "./free-plan.ts";
import type { LoadResult, RoundSamples } from "./load.ts";
import type { MicroResult } from "./micro.ts";
import {
  addedPerRound,
  medianOfMedians,
  nearCeiling,
  ratio,
  type Summary,
  summarize,
} from "./stats.ts";
import type { WorkloadName } from "./workloads.ts";

export interface RoundsRow {
  path: string;
  workload: WorkloadName;
  /** All samples of all rounds pooled. */
  latency: Summary;
  /** Median of the round medians. */
  medianOfMedians: number;
  /** Over direct, paired by round (ms); 0 for direct itself. */
  addedMs: number;
  firstByte: Summary;
  firstByteAddedMs: number;
  errors: number;
  /** Every sample, for the chart. */
  samples: number[];
}

export interface LoadRow extends LoadResult {
  path: string;
  workload: WorkloadName;
  /** p50 over direct's p50 at the same concurrency (ms). */
  addedMs: number;
  firstByteAddedMs: number;
  /** Within 10% of the direct path's throughput at this concurrency: capped by the upstream. */
  atCeiling: boolean;
  /**
   * workerd's CPU time (user + system, all threads, from /proc) during the step ÷ requests
   * completed: every worker on the path together, with the runtime's own HTTP work. 10 ms ticks.
   */
  workerCpuMicros: number | null;
}

export interface RatioRow {
  workload: WorkloadName;
  concurrency: number;
  /** Interleaved rounds (concurrency 1, the precise added latency) or an autocannon step. */
  source: "rounds" | "autocannon";
  /** "backend vs floor-1hop" or "topology vs floor-2hop". */
  pair: string;
  routerAddedMs: number;
  floorAddedMs: number;
  /** router added ÷ floor added (null when the floor adds ~nothing measurable). */
  addedRatio: number | null;
  routerFirstByteAddedMs: number;
  floorFirstByteAddedMs: number;
  /** For streams: the same on time to first byte. */
  firstByteRatio: number | null;
  /** router req/s ÷ floor req/s (null at concurrency 1 of the rounds, which are not throughput). */
  throughputRatio: number | null;
  /** Both sides within 10% of the upstream's ceiling: the throughput ratio says little. */
  atCeiling: boolean;
  /** router workerd CPU per request ÷ the floor's (autocannon steps only). */
  cpuRatio: number | null;
}

export interface BenchResults {
  meta: Record<string, string | number | boolean>;
  micro: MicroResult[];
  rounds: RoundsRow[];
  load: LoadRow[];
  ratios: RatioRow[];
  /** The floor worker reached through Miniflare's entry proxy, over its direct socket (c=1, ms). */
  proxyAddedMs: number | null;
  /** The backend's CPU per request by stage (bench/breakdown.ts); framework = measured − stages. */
  breakdown: (Breakdown & { workerCpuMicros: number })[];
  /** Each worker's CPU per request per workload, against the free plan (bench/free-plan.ts). */
  cpu?: CpuTable;
}

/** A floor that adds less than this is below what the rounds can resolve; ratios over it are noise. */
const RESOLVABLE_MS = 0.05;

export function toRoundsRows(
  workload: WorkloadName,
  samples: Map<string, RoundSamples>,
): RoundsRow[] {
  const baseline = samples.get("direct");
  return [...samples.entries()].map(([path, entry]) => ({
    path,
    workload,
    latency: summarize(entry.totals.flat()),
    medianOfMedians: medianOfMedians(entry.totals),
    addedMs: baseline ? addedPerRound(entry.totals, baseline.totals) : Number.NaN,
    firstByte: summarize(entry.firstBytes.flat()),
    firstByteAddedMs: baseline ? addedPerRound(entry.firstBytes, baseline.firstBytes) : Number.NaN,
    errors: entry.errors,
    samples: entry.totals.flat(),
  }));
}

export function toLoadRows(
  workload: WorkloadName,
  results: { path: string; result: LoadResult; workerCpuMicros: number | null }[],
): LoadRow[] {
  return results.map(({ path, result, workerCpuMicros }) => {
    const direct = results.find(
      (other) => other.path === "direct" && other.result.connections === result.connections,
    )?.result;
    return {
      ...result,
      path,
      workload,
      workerCpuMicros: path === "direct" ? null : workerCpuMicros,
      addedMs: direct ? result.latency.p50 - direct.latency.p50 : Number.NaN,
      firstByteAddedMs: direct ? result.firstByte.p50 - direct.firstByte.p50 : Number.NaN,
      atCeiling:
        path !== "direct" && direct
          ? nearCeiling(result.requestsPerSecond, direct.requestsPerSecond)
          : false,
    };
  });
}

const PAIRS = [
  { router: "backend", floor: "floor-1hop" },
  { router: "topology", floor: "floor-2hop" },
  { router: "topology-native", floor: "floor-2hop" },
];

const resolvableRatio = (router: number, floor: number) =>
  floor >= RESOLVABLE_MS ? ratio(router, floor) : null;

/** Router vs floor worker with the same hop count, at concurrency 1 (rounds) and under load. */
export function toRatioRows(rounds: RoundsRow[], load: LoadRow[]): RatioRow[] {
  const rows: RatioRow[] = [];
  const workloads = [...new Set(rounds.map((row) => row.workload))];
  const concurrencies = [...new Set(load.map((row) => row.connections))].sort((a, b) => a - b);
  for (const workload of workloads) {
    for (const { router, floor } of PAIRS) {
      const find = (path: string) =>
        rounds.find((row) => row.workload === workload && row.path === path);
      const ours = find(router);
      const theirs = find(floor);
      if (ours && theirs) {
        rows.push({
          workload,
          concurrency: 1,
          source: "rounds",
          pair: `${router} vs ${floor}`,
          routerAddedMs: ours.addedMs,
          floorAddedMs: theirs.addedMs,
          addedRatio: resolvableRatio(ours.addedMs, theirs.addedMs),
          routerFirstByteAddedMs: ours.firstByteAddedMs,
          floorFirstByteAddedMs: theirs.firstByteAddedMs,
          firstByteRatio: resolvableRatio(ours.firstByteAddedMs, theirs.firstByteAddedMs),
          throughputRatio: null,
          atCeiling: false,
          cpuRatio: null,
        });
      }
      for (const concurrency of concurrencies) {
        const pick = (path: string) =>
          load.find(
            (row) =>
              row.workload === workload && row.path === path && row.connections === concurrency,
          );
        const routerLoad = pick(router);
        const floorLoad = pick(floor);
        if (!routerLoad || !floorLoad) continue;
        rows.push({
          workload,
          concurrency,
          source: "autocannon",
          pair: `${router} vs ${floor}`,
          routerAddedMs: routerLoad.addedMs,
          floorAddedMs: floorLoad.addedMs,
          addedRatio: resolvableRatio(routerLoad.addedMs, floorLoad.addedMs),
          routerFirstByteAddedMs: routerLoad.firstByteAddedMs,
          floorFirstByteAddedMs: floorLoad.firstByteAddedMs,
          firstByteRatio: resolvableRatio(routerLoad.firstByteAddedMs, floorLoad.firstByteAddedMs),
          throughputRatio: ratio(routerLoad.requestsPerSecond, floorLoad.requestsPerSecond),
          atCeiling: routerLoad.atCeiling && floorLoad.atCeiling,
          cpuRatio: ratio(
            routerLoad.workerCpuMicros ?? Number.NaN,
            floorLoad.workerCpuMicros ?? Number.NaN,
          ),
        });
      }
    }
  }
  return rows;
}
