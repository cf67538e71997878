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
    goal: "throughput at least 0.8× the floor worker's (every route, every concurrency)",
    verdict: lowest ? ((lowest.throughputRatio ?? 0) >= 0.8 ? "PASS" : "MISS") : "n/a",
    detail: lowest
      ? `lowest ${times(lowest.throughputRatio ?? 0)}: ${lowest.pair}, ${lowest.workload}, c=${lowest.concurrency}; ${capped} of ${throughput.length} comparisons had both sides at the upstream's ceiling`
      : "no load results",
  });
  verdicts.push(...judgeIssue16(results));
  return verdicts;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] ?? Number.NaN)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};

/**
 * workerd CPU per request (ms) of a path on a workload: the median over the load steps (each step's
 * workerd CPU from /proc ÷ requests completed, 10 ms ticks, so the longer steps count most).
 */
export function cpuPerRequestMs(
  results: BenchResults,
  path: string,
  workload: string,
): number | null {
  const values = results.load
    .filter((row) => row.path === path && row.workload === workload && row.workerCpuMicros !== null)
    .map((row) => (row.workerCpuMicros ?? 0) / 1000);
  return values.length === 0 ? null : median(values);
}

/** The goals of issue 16: CPU for big requests, and what the router adds over a forward. */
function judgeIssue16(results: BenchResults): TargetVerdict[] {
  const verdicts: TargetVerdict[] = [];
  const cpu = (path: string, workload: string) => cpuPerRequestMs(results, path, workload);
  const goal = (name: string, pass: boolean | null, detail: string) =>
    verdicts.push({ goal: name, verdict: pass === null ? "n/a" : pass ? "PASS" : "MISS", detail });

  const imageTopology = cpu("topology", "image");
  const imageFloor = cpu("floor-2hop", "image");
  goal(
    "1 MB image chat: workerd CPU per request, orchestrator + backend, under 5 ms",
    imageTopology === null ? null : imageTopology < 5,
    imageTopology === null ? "not measured" : `${ms(imageTopology)} (median over load steps)`,
  );
  goal(
    "1 MB image chat: the router's CPU under 3 ms beyond a two-worker forward",
    imageTopology === null || imageFloor === null ? null : imageTopology - imageFloor < 3,
    imageTopology === null || imageFloor === null
      ? "not measured"
      : `${ms(imageTopology - imageFloor)} (topology ${ms(imageTopology)} − floor-2hop ${ms(imageFloor)})`,
  );
  const chatTopology = cpu("topology", "chat");
  const chatFloor = cpu("floor-2hop", "chat");
  goal(
    "small chat: workerd CPU per request within 1.25× a two-worker forward's",
    chatTopology === null || !chatFloor ? null : chatTopology / chatFloor <= 1.25,
    chatTopology === null || !chatFloor
      ? "not measured"
      : `${times(chatTopology / chatFloor)} (${ms(chatTopology)} vs ${ms(chatFloor)})`,
  );

  // The orchestrator's share: the topology less the backend alone; the floor's second hop: 2-hop
  // less 1-hop. Both include one service-binding hop, so their ratio is what the orchestrator adds.
  const hop = (workload: string) => {
    const [topology, backend, floor2, floor1] = [
      cpu("topology", workload),
      cpu("backend", workload),
      cpu("floor-2hop", workload),
      cpu("floor-1hop", workload),
    ];
    if (topology === null || backend === null || floor2 === null || floor1 === null) return null;
    return { orchestrator: topology - backend, floorHop: floor2 - floor1 };
  };
  const details: string[] = [];
  let worstHop: number | null = null;
  for (const workload of ["chat", "image"]) {
    const entry = hop(workload);
    if (!entry) continue;
    details.push(
      `${workload}: orchestrator ${ms(entry.orchestrator)} vs floor hop ${ms(entry.floorHop)}`,
    );
    if (entry.floorHop > 0.02) {
      const value = entry.orchestrator / entry.floorHop;
      worstHop = worstHop === null ? value : Math.max(worstHop, value);
    }
  }
  goal(
    "orchestrator's CPU per request at most 1.3× a floor hop's, and not growing with body size beyond the copy",
    worstHop === null ? null : worstHop <= 1.3,
    `${worstHop === null ? "floor hop too small to divide by" : `worst ${times(worstHop)}`}; ${details.join("; ")} (topology − backend vs floor-2hop − floor-1hop, median over load steps)`,
  );

  const backendChat = results.ratios.filter(
    (row) => row.pair === "backend vs floor-1hop" && row.workload === "chat",
  );
  for (const [concurrency, source, limit] of [
    [1, "rounds", 1.5],
    [64, "autocannon", 2],
  ] as const) {
    const row = backendChat.find(
      (entry) => entry.concurrency === concurrency && entry.source === source,
    );
    goal(
      `backend adds at most ${limit}× the floor worker's latency for small chat at c=${concurrency}`,
      row?.addedRatio === null || row === undefined ? null : row.addedRatio <= limit,
      row === undefined
        ? "not measured"
        : `${row.addedRatio === null ? "floor too small to divide by" : times(row.addedRatio)} (${ms(row.routerAddedMs)} vs ${ms(row.floorAddedMs)})`,
    );
  }

  const stream = (path: string) =>
    results.rounds.find((row) => row.path === path && row.workload === "stream");
  const [streamTopology, streamFloor] = [stream("topology"), stream("floor-2hop")];
  goal(
    "stream: time to first byte through the topology within 1 ms of the floor's (c=1)",
    streamTopology && streamFloor
      ? streamTopology.firstByteAddedMs - streamFloor.firstByteAddedMs <= 1
      : null,
    streamTopology && streamFloor
      ? `${ms(streamTopology.firstByteAddedMs - streamFloor.firstByteAddedMs)} later (${ms(streamTopology.firstByteAddedMs)} vs ${ms(streamFloor.firstByteAddedMs)} added)`
      : "not measured",
  );
  return verdicts;
}
