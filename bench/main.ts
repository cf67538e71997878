/**
 * `npm run bench [-- --quick] [-- --out <dir>] [-- --quota] [-- --soak …]`: what the router adds over calling
 * Gemini directly — latency, throughput, CPU — measured against a fixed-latency emulator and
 * against a forwarding-only worker, in one run on this machine; then the quota scenario (the key
 * pool's health memory against keys that run out; `--quota` runs only that). `--soak` runs only
 * the soak instead (bench/soak.ts: minutes of mixed traffic through `npm start`, memory over
 * time). A benchmark, not a test: it never fails on a number, only when something could not be
 * measured.
 */
import { readFileSync } from "node:fs";
import { availableParallelism, cpus } from "node:os";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { measureBreakdown } from "./breakdown.ts";
import { measureFreePlan } from "./free-plan.ts";
import { runLoad, runRounds } from "./load.ts";
import { buildMediaWorkloads } from "./media-workloads.ts";
import { runMicro } from "./micro.ts";
import { type BenchPath, startPaths } from "./paths.ts";
import { FULL_PLAN, type Plan, QUICK_PLAN } from "./plan.ts";
import { probePaths, roundTargets } from "./probe.ts";
import { cleanUp, cpuSeconds, hasTaskset, pinProcess, startNodeChild } from "./processes.ts";
import { quotaMarkdown, runQuotaScenario, writeQuotaReport } from "./quota/run-quota.ts";
import { toMarkdown, writeReport } from "./report.ts";
import {
  type BenchResults,
  type LoadRow,
  type RoundsRow,
  toLoadRows,
  toRatioRows,
  toRoundsRows,
} from "./results.ts";
import { parseSoakOptions, runSoak } from "./soak.ts";
import { addedPerRound } from "./stats.ts";
import { cpuPerRequestMs } from "./targets.ts";
import { buildWorkloads, specFor, type Workload } from "./workloads.ts";

const ROOT = resolve(import.meta.dirname, "..");
const PASS = "bench-pass-not-a-secret";
const KEYS = ["bench-key-1", "bench-key-2", "bench-key-3"];
/** The topology: three backends holding 8, 8 and 4 keys, as the deploy tooling would shard 20. */
const SHARDS = [8, 8, 4].map((size, backend) =>
  Array.from({ length: size }, (_, index) => `bench-key-b${backend}-${index + 1}`),
);

const started = performance.now();
const log = (message: string) =>
  console.error(
    `[bench ${((performance.now() - started) / 1000).toFixed(0).padStart(4)}s] ${message}`,
  );

function parseCommandLine(): { plan: Plan; out: string; quotaOnly: boolean } {
  const { values } = parseArgs({
    options: {
      quick: { type: "boolean", default: false },
      out: { type: "string" },
      seconds: { type: "string" },
      quota: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    console.log(
      "usage: npm run bench [-- --quick] [-- --out <dir>] [-- --seconds <s per load step>] [-- --quota]",
    );
    process.exit(0);
  }
  const plan = { ...(values.quick ? QUICK_PLAN : FULL_PLAN) };
  if (values.seconds !== undefined) {
    const seconds = Number(values.seconds);
    if (!(seconds > 0)) throw new Error("--seconds must be a positive number");
    plan.loadSeconds = seconds;
    plan.streamLoadSeconds = Math.max(seconds, (64 * plan.upstream.streamIntervalMs) / 250);
  }
  return {
    plan,
    out: resolve(values.out ?? `${ROOT}/bench/results`),
    quotaOnly: values.quota ?? false,
  };
}

function packageVersion(name: string): string {
  const text = readFileSync(`${ROOT}/node_modules/${name}/package.json`, "utf8");
  return (JSON.parse(text) as { version: string }).version;
}

async function measureRounds(
  paths: BenchPath[],
  workloads: Workload[],
  plan: Plan,
  proxied: string,
) {
  const rows: RoundsRow[] = [];
  let proxyAddedMs: number | null = null;
  for (const workload of workloads) {
    const roundsPlan = workload.streaming ? plan.streamRounds : plan.rounds;
    log(
      `c=1 rounds: ${workload.label} (${roundsPlan.rounds} rounds × ${roundsPlan.perRound} per path)`,
    );
    const targets = roundTargets(paths, workload);
    // The dev proxy's own cost, measured beside the rest (chat only): the floor via the entry socket.
    const floor = targets.find((target) => target.name === "floor-1hop");
    if (workload.name === "chat" && floor)
      targets.push({ ...floor, name: "floor-1hop-via-proxy", url: proxied });
    const samples = await runRounds(targets, roundsPlan);
    const viaProxy = samples.get("floor-1hop-via-proxy");
    const direct = samples.get("floor-1hop");
    if (viaProxy && direct) {
      proxyAddedMs = addedPerRound(viaProxy.totals, direct.totals);
      samples.delete("floor-1hop-via-proxy");
    }
    rows.push(...toRoundsRows(workload.name, samples));
  }
  return { rows, proxyAddedMs };
}

async function measureLoad(
  paths: BenchPath[],
  workloads: Workload[],
  plan: Plan,
  workerdPids: number[],
) {
  const rows: LoadRow[] = [];
  for (const workload of workloads) {
    const results: Parameters<typeof toLoadRows>[1] = [];
    const seconds = workload.streaming ? plan.streamLoadSeconds : plan.loadSeconds;
    for (const connections of plan.concurrencies) {
      log(`load: ${workload.label}, c=${connections}, ${seconds}s per path`);
      for (const path of paths) {
        const spec = specFor(path, workload);
        const cpuBefore = cpuSeconds(workerdPids);
        const result = await runLoad(path.url, spec, connections, seconds);
        const cpu = cpuSeconds(workerdPids) - cpuBefore;
        const workerCpuMicros = result.completed > 0 ? (cpu * 1e6) / result.completed : null;
        results.push({ path: path.name, result, workerCpuMicros });
      }
    }
    rows.push(...toLoadRows(workload.name, results));
  }
  return rows;
}

/** The request bodies and what the emulator answers them (straight, no worker), for the breakdown. */
async function answersOf(paths: BenchPath[], workloads: Workload[]) {
  const direct = paths.find((path) => path.name === "direct");
  if (!direct) throw new Error("no direct path");
  const entries = await Promise.all(
    (["chat", "stream", "embed"] as const).map(async (name) => {
      const workload = workloads.find((entry) => entry.name === name);
      if (!workload) throw new Error(`no ${name} workload`);
      const spec = specFor(direct, workload);
      const response = await fetch(new URL(spec.path, direct.url), {
        method: spec.method,
        headers: spec.headers,
        body: spec.body,
      });
      return [name, { request: workload.openai.body, upstream: await response.text() }] as const;
    }),
  );
  return Object.fromEntries(entries) as Record<
    (typeof entries)[number][0],
    (typeof entries)[number][1]
  >;
}

async function runQuota(out: string) {
  const quota = await runQuotaScenario(log);
  console.log(quotaMarkdown(quota));
  log(`wrote ${writeQuotaReport(out, quota).join(", ")}`);
}

async function main() {
  if (process.argv.includes("--soak")) {
    await runSoak(parseSoakOptions(process.argv.slice(2)));
    return;
  }
  const { plan, out, quotaOnly } = parseCommandLine();
  if (quotaOnly) return runQuota(out);
  log(`${plan.name} run; results go to ${out}`);
  log("microbenchmarks (tinybench)…");
  const micro = await runMicro(plan.name === "quick");

  const cpuCount = availableParallelism();
  const pinned = hasTaskset() && cpuCount >= 2;
  if (pinned) pinProcess(process.pid, 1);
  const emulatorSettings = plan.upstream;
  const { message } = await startNodeChild<{ url: string }>(
    `${ROOT}/bench/emulator-process.ts`,
    { keys: [...KEYS, ...SHARDS.flat()], port: 0, ...emulatorSettings },
    pinned ? 1 : null,
  );
  log(`emulator on ${message.url}; starting workerd (Miniflare, direct sockets)…`);
  const running = await startPaths({
    emulatorUrl: message.url,
    pass: PASS,
    keys: KEYS,
    shards: SHARDS,
  });
  const workerdPinned =
    pinned &&
    running.workerdPids.length > 0 &&
    running.workerdPids.every((pid) => pinProcess(pid, 0));
  const workloads = await buildWorkloads({ pass: PASS, key: KEYS[0] ?? "" });
  await probePaths(running.paths, workloads);
  const upstreamBodies = await answersOf(running.paths, workloads);

  const rounds = await measureRounds(running.paths, workloads, plan, running.proxiedFloorUrl);
  const load = await measureLoad(running.paths, workloads, plan, running.workerdPids);
  const credentials = { pass: PASS, key: KEYS[0] ?? "" };
  const cpuWorkloads = [
    ...(await buildWorkloads(credentials, { cpu: true })),
    ...buildMediaWorkloads(credentials),
  ].filter((workload) => workload.name !== "embed");
  const cpu = await measureFreePlan(
    running.paths,
    cpuWorkloads,
    running.workerdPids,
    plan.name === "quick",
    log,
  );
  await cleanUp();
  log("CPU breakdown per stage…");
  const stages = await measureBreakdown(upstreamBodies, plan.name === "quick");

  const results: BenchResults = {
    meta: {
      date: new Date().toISOString(),
      plan: plan.name,
      node: process.version,
      cpu: `${cpuCount} × ${cpus()[0]?.model.trim() ?? "unknown"}`,
      pinning: workerdPinned
        ? "taskset: workerd alone on CPU 0; emulator and client (this process: rounds, autocannon) share CPU 1"
        : "none (taskset missing or < 2 CPUs): every process shares every CPU",
      emulator: `separate process; ${emulatorSettings.latencyMs} ms to first byte; streams of 64 (and 256) chunks ${emulatorSettings.streamIntervalMs} ms apart`,
      workers: `workerd via Miniflare ${packageVersion("miniflare")}, unsafeDirectSockets (no entry proxy); all workers in one workerd`,
      topology: `orchestrator + ${SHARDS.length} backends (${SHARDS.map((keys) => keys.length).join("/")} keys, BACKEND_WEIGHTS)`,
      rounds: `warm-up ${plan.rounds.warmup}, ${plan.rounds.rounds} rounds × ${plan.rounds.perRound} per path (streams: ${plan.streamRounds.rounds} × ${plan.streamRounds.perRound})`,
      load: `autocannon, c = ${plan.concurrencies.join(", ")}, ${plan.loadSeconds} s each (streams ${plan.streamLoadSeconds} s)`,
      durationSeconds: Math.round((performance.now() - started) / 1000),
    },
    micro,
    rounds: rounds.rows,
    load,
    ratios: toRatioRows(rounds.rows, load),
    proxyAddedMs: rounds.proxyAddedMs,
    breakdown: [],
    cpu,
  };
  results.breakdown = stages.map((entry) => ({
    ...entry,
    workerCpuMicros: (cpuPerRequestMs(results, "backend", entry.workload) ?? Number.NaN) * 1000,
  }));
  const files = writeReport(out, results);
  console.log(toMarkdown(results));
  log(`wrote ${files.join(", ")}`);
  await runQuota(out);
}

main().catch(async (error: unknown) => {
  console.error(
    `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
  );
  await cleanUp();
  process.exitCode = 1;
});
