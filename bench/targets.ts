/** The goals the issue sets, judged PASS/MISS on a run's results (goals, never assertions). */
import type { BenchResults } from "./results.ts";

export interface TargetVerdict {
  goal: string;
  verdict: "PASS" | "MISS" | "n/a";
  detail: string;
}

const ms = (value: number) => `${value.toFixed(3)} ms`;
const times = (value: number) => `${value.toFixed(2)}×`;

export function judgeTargets(results: BenchResults): TargetVerdict[] {
  const verdicts: TargetVerdict[] = [];
  for (const micro of results.micro) {
    if (micro.targetMicros === undefined) continue;
    const pass = micro.meanMicros < micro.targetMicros;
    verdicts.push({
      goal: `${micro.name} under ${micro.targetMicros / 1000} ms CPU`,
      verdict: pass ? "PASS" : "MISS",
      detail: `${(micro.meanMicros / 1000).toFixed(3)} ms mean`,
    });
  }

  // At concurrency 1 the interleaved rounds are the precise measure; autocannon's c=1 step is not.
  const latencyRows = results.ratios.filter(
    (row) => !(row.source === "autocannon" && row.concurrency === 1),
  );
  // A stream's total (64 paced chunks) is too jittery to divide; its first byte is not.
  const latencyRatios = latencyRows.map((row) =>
    row.workload === "stream"
      ? {
          value: row.firstByteRatio,
          what: "first byte",
          router: row.routerFirstByteAddedMs,
          floor: row.floorFirstByteAddedMs,
          row,
        }
      : {
          value: row.addedRatio,
          what: "p50",
          router: row.routerAddedMs,
          floor: row.floorAddedMs,
          row,
        },
  );
  const measurable = latencyRatios.filter((entry) => entry.value !== null);
  const worst = measurable.reduce<(typeof measurable)[number] | undefined>(
    (max, entry) => (max && (max.value ?? 0) >= (entry.value ?? 0) ? max : entry),
    undefined,
  );
  verdicts.push({
    goal: "router-added latency within 1.5× of the floor worker's (same hops, every concurrency)",
    verdict: worst ? ((worst.value ?? 0) <= 1.5 ? "PASS" : "MISS") : "n/a",
    detail: worst
      ? `worst ${times(worst.value ?? 0)}: ${worst.row.pair}, ${worst.row.workload} ${worst.what}, c=${worst.row.concurrency} (${ms(worst.router)} vs ${ms(worst.floor)}); ${latencyRatios.length - measurable.length} of ${latencyRatios.length} comparisons had a floor too small to divide by`
      : "no measurable floor",
  });

  // The native surface translates nothing: it should cost about what forwarding costs.
  const native = latencyRatios.filter(
    (entry) => entry.row.pair === "topology-native vs floor-2hop" && entry.row.workload === "chat",
  );
  const nativeMeasured = native.filter((entry) => entry.value !== null);
  const nativeWorst = nativeMeasured.reduce<(typeof nativeMeasured)[number] | undefined>(
    (max, entry) => (max && (max.value ?? 0) >= (entry.value ?? 0) ? max : entry),
    undefined,
  );
  verdicts.push({
    goal: "native generateContent through the topology adds at most 1.2× what the floor worker adds (2 hops, every concurrency)",
    verdict: nativeWorst ? ((nativeWorst.value ?? 0) <= 1.2 ? "PASS" : "MISS") : "n/a",
    detail: nativeWorst
      ? `worst ${times(nativeWorst.value ?? 0)} at c=${nativeWorst.row.concurrency} (${ms(nativeWorst.router)} vs ${ms(nativeWorst.floor)}); ${native.map((entry) => `c=${entry.row.concurrency} ${entry.value === null ? "n/a" : times(entry.value)}`).join(", ")}`
      : "no measurable floor",
  });

  const topology = results.rounds.filter((row) => row.path === "topology");
  const topologyAdded = topology.map((row) => ({
    label: row.workload === "stream" ? "stream first byte" : row.workload,
    value: row.workload === "stream" ? row.firstByteAddedMs : row.addedMs,
  }));
  const maxAdded = Math.max(...topologyAdded.map((entry) => entry.value));
  verdicts.push({
    goal: "under 1 ms added at p50 for orchestrator + backend at concurrency 1",
    verdict: topologyAdded.length === 0 ? "n/a" : maxAdded < 1 ? "PASS" : "MISS",
    detail: topologyAdded.map((entry) => `${entry.label} ${ms(entry.value)}`).join(", "),
  });

  const throughput = results.ratios.filter((row) => row.throughputRatio !== null);
  const lowest = throughput.reduce<(typeof throughput)[number] | undefined>(
    (min, row) => (min && (min.throughputRatio ?? 0) <= (row.throughputRatio ?? 0) ? min : row),
    undefined,
  );
  const capped = throughput.filter((row) => row.atCeiling).length;
  verdicts.push({
    goal: "throughput within 0.7× of the floor worker's",
    verdict: lowest ? ((lowest.throughputRatio ?? 0) >= 0.7 ? "PASS" : "MISS") : "n/a",
    detail: lowest
      ? `lowest ${times(lowest.throughputRatio ?? 0)}: ${lowest.pair}, ${lowest.workload}, c=${lowest.concurrency}; ${capped} of ${throughput.length} comparisons had both sides at the upstream's ceiling`
      : "no load results",
  });
  return verdicts;
}
