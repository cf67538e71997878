/**
 * The report's "CPU per request against the free plan" table: for each workload, the workerd CPU
 * of the backend alone and of the orchestrator (the topology's less the backend's, per round),
 * against Cloudflare's free-plan limit of 10 ms per worker and per request, and the backend's
 * per extra stream chunk against a forwarding hop's. Measured in alternating rounds with a fixed
 * number of requests (bench/cpu-rounds.ts), so every stream counts whole.
 */
import { type CpuTarget, measureCpuRounds, median, medianRatio, sampleKey } from "./cpu-rounds.ts";
import type { BenchPath } from "./paths.ts";
import { specFor, type Workload } from "./workloads.ts";

/** Cloudflare Workers free plan: CPU time per request, per worker (developers.cloudflare.com/workers/platform/limits/). */
export const FREE_PLAN_CPU_MS = 10;

const PATHS = ["floor-1hop", "floor-2hop", "backend", "topology"] as const;

export interface CpuRow {
  workload: string;
  label: string;
  /** Medians over rounds, ms per request. */
  floorMs: number;
  backendMs: number;
  orchestratorMs: number;
  /** The backend's CPU over a one-hop forward's, median of per-round ratios. */
  backendRatio: number;
}

export interface ChunkRow {
  /** CPU µs per extra stream chunk (256-chunk stream less 64-chunk, ÷ 192), medians over rounds. */
  floorMicros: number;
  backendMicros: number;
  orchestratorMicros: number;
}

export interface CpuTable {
  rows: CpuRow[];
  perChunk: ChunkRow | null;
  plan: string;
}

const HEAVY_MEDIA: readonly string[] = ["image-2k", "speech-30s"];

export async function measureFreePlan(
  paths: readonly BenchPath[],
  workloads: readonly Workload[],
  workerdPids: readonly number[],
  quick: boolean,
  log: (message: string) => void,
): Promise<CpuTable> {
  const chosen = PATHS.map((name) => {
    const path = paths.find((candidate) => candidate.name === name);
    if (!path) throw new Error(`no ${name} path`);
    return path;
  });
  const rounds = quick ? 1 : 3;
  const samples = new Map<string, number[]>();
  for (const workload of workloads) {
    log(`CPU per request: ${workload.label}`);
    const targets: CpuTarget[] = chosen.map((path) => ({
      name: path.name,
      workload: workload.name,
      url: path.url,
      spec: specFor(path, workload),
    }));
    // Streams, 100 embeddings and media answers (a 2K image is ~0.5 s of CPU per request here):
    // 16 requests a round, or the table alone takes half an hour on a loaded machine.
    const heavy =
      workload.streaming ||
      workload.name.startsWith("embed-100") ||
      HEAVY_MEDIA.includes(workload.name);
    const requests = quick ? 8 : heavy ? 16 : 64;
    const plan = { rounds, requests, concurrency: quick ? 4 : 8, warmup: quick ? 2 : 8 };
    // One workload that cannot be measured (a 502 under load) leaves its row empty ("–") and
    // says why; it does not throw away the half hour of the run before it.
    try {
      for (const [key, list] of await measureCpuRounds(targets, plan, workerdPids)) {
        samples.set(key, list);
      }
    } catch (error) {
      log(`CPU per request: ${workload.label} not measured: ${String(error).slice(0, 200)}`);
    }
  }
  const of = (workload: string, name: string) => samples.get(sampleKey({ workload, name })) ?? [];
  const difference = (a: number[], b: number[]) =>
    a.map((value, round) => value - (b[round] ?? Number.NaN));
  const rows = workloads.map((workload) => {
    const backend = of(workload.name, "backend");
    const floor = of(workload.name, "floor-1hop");
    return {
      workload: workload.name,
      label: workload.label,
      floorMs: median(floor) / 1000,
      backendMs: median(backend) / 1000,
      orchestratorMs: median(difference(of(workload.name, "topology"), backend)) / 1000,
      backendRatio: medianRatio(backend, floor),
    };
  });
  const streams = ["stream", "stream-256"].every((name) => samples.has(`${name} backend`));
  const perChunk = (name: string) =>
    difference(of("stream-256", name), of("stream", name)).map((value) => value / 192);
  return {
    rows,
    perChunk: streams
      ? {
          floorMicros: median(perChunk("floor-1hop")),
          backendMicros: median(perChunk("backend")),
          orchestratorMicros: median(difference(perChunk("topology"), perChunk("backend"))),
        }
      : null,
    plan: `${rounds} round(s), ${quick ? 4 : 8} connections; workerd CPU from /proc (10 ms ticks)`,
  };
}

const ms = (value: number) => (Number.isFinite(value) ? value.toFixed(2) : "–");
const verdict = (value: number) =>
  !Number.isFinite(value) ? "–" : value <= FREE_PLAN_CPU_MS ? "fits" : "**needs cpu_ms**";

export function freePlanMarkdown(table: CpuTable): string {
  const lines = [
    `## CPU per request against the free plan (${FREE_PLAN_CPU_MS} ms per worker)`,
    "",
    `Each worker's workerd CPU per request on this machine (${table.plan}); the orchestrator's is the`,
    "topology's less the backend's, per round. On Cloudflare each worker has its own limit; a workload",
    "over it needs the paid plan (`--cpu-ms`, README). This machine is slower than Cloudflare's, so the",
    "figures are pessimistic; the ratio to a forwarding worker (1 hop) is what carries over.",
    "",
    "| workload | 1-hop forward ms | backend ms | backend ÷ forward | backend | orchestrator ms | orchestrator |",
    "| --- | --- | --- | --- | --- | --- | --- |",
    ...table.rows.map(
      (row) =>
        `| ${row.label} | ${ms(row.floorMs)} | ${ms(row.backendMs)} | ${Number.isFinite(row.backendRatio) ? `${row.backendRatio.toFixed(2)}×` : "–"} | ${verdict(row.backendMs)} | ${ms(row.orchestratorMs)} | ${verdict(row.orchestratorMs)} |`,
    ),
  ];
  if (table.perChunk) {
    const { floorMicros, backendMicros, orchestratorMicros } = table.perChunk;
    lines.push(
      "",
      `Per extra stream chunk (256 − 64 chunks): forwarding hop ${floorMicros.toFixed(1)} µs, backend ` +
        `${backendMicros.toFixed(1)} µs (${(backendMicros / floorMicros).toFixed(2)}×, goal ≤ 2.5×), ` +
        `orchestrator ${orchestratorMicros.toFixed(1)} µs (${(orchestratorMicros / floorMicros).toFixed(2)}×, goal ≤ 1.3×).`,
    );
  }
  return lines.join("\n");
}
