/**
 * `[SHARDS=8,8,4] node bench/compare-cpu.ts [--workload chat[,stream,stream-256,…]] [--paths
 * floor-1hop,backend,topology?exp=1] [--requests N] [--rounds 3] [--concurrency 16] [--before
 * <checkout>]`: workerd CPU per request of chosen paths for chosen workloads, measured in
 * alternating rounds (so drift on the machine hits every path alike) — the quick loop for trying a
 * hot-path change; `npm run bench` remains the report of record. Workloads: chat, image, stream
 * (64 chunks), stream-256, embed (4 inputs), embed-100, embed-100-base64, interactions-256 (a streamed
 * interaction on the native paths); with both streams the
 * CPU per extra chunk is printed too. Besides the bench's paths it knows `translate-floor`
 * (bench/translate-floor-worker.ts): the least any translation costs, for scale (chat only).
 * `--before <checkout>` adds `backend-before`, `topology-before` and `topology-native-before`:
 * another checkout's workers (e.g. `git worktree add /tmp/before <commit>`) in the same workerd.
 */
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { type CpuTarget, measureCpuRounds, median, medianRatio, sampleKey } from "./cpu-rounds.ts";
import { buildMediaWorkloads } from "./media-workloads.ts";
import { startPaths } from "./paths.ts";
import { cleanUp, hasTaskset, pinProcess, startNodeChild } from "./processes.ts";
import { buildWorkloads, specFor } from "./workloads.ts";

const ROOT = resolve(import.meta.dirname, "..");
const PASS = "bench-pass-not-a-secret";
const KEYS = ["bench-key-1", "bench-key-2", "bench-key-3"];
const SHARDS = (process.env.SHARDS ?? "8,8,4")
  .split(",")
  .map(Number)
  .map((size, backend) =>
    Array.from({ length: size }, (_, index) => `bench-key-b${backend}-${index + 1}`),
  );

async function main() {
  const { values } = parseArgs({
    options: {
      workload: { type: "string", default: "chat" },
      paths: { type: "string", default: "floor-1hop,floor-2hop,backend,topology" },
      requests: { type: "string" },
      rounds: { type: "string", default: "3" },
      concurrency: { type: "string", default: "16" },
      before: { type: "string" },
    },
  });
  const pinned = hasTaskset();
  if (pinned) pinProcess(process.pid, 1);
  const { message } = await startNodeChild<{ url: string }>(
    `${ROOT}/bench/emulator-process.ts`,
    {
      keys: [...KEYS, ...SHARDS.flat()],
      port: 0,
      latencyMs: 50,
      streamChunks: 256,
      streamIntervalMs: 5,
    },
    pinned ? 1 : null,
  );
  const running = await startPaths({
    emulatorUrl: message.url,
    pass: PASS,
    keys: KEYS,
    shards: SHARDS,
    ...(values.before !== undefined && { beforeTree: resolve(values.before) }),
  });
  if (pinned) for (const pid of running.workerdPids) pinProcess(pid, 0);
  const credentials = { pass: PASS, key: KEYS[0] ?? "" };
  const all = [
    ...(await buildWorkloads(credentials, { cpu: true, interactions: true })),
    ...buildMediaWorkloads(credentials),
  ];
  const workloads = values.workload.split(",").map((name) => {
    const workload = all.find((candidate) => candidate.name === name);
    if (!workload) throw new Error(`unknown --workload ${name}`);
    return workload;
  });
  // A name with a query (`topology?exp=1`) is that path with the query added to each request:
  // an A/B switch inside one build, measured in the same interleaved rounds.
  const names = values.paths.split(",");
  const paths = names.map((name) => {
    const [base = "", query] = name.split("?");
    const path = [...running.paths, ...running.references].find(
      (candidate) => candidate.name === base,
    );
    if (!path) throw new Error(`unknown path ${base}`);
    return { ...path, name, query };
  });
  const connections = Number(values.concurrency);
  const results: string[] = [];
  const samplesOf = new Map<string, number[]>();
  for (const workload of workloads) {
    const targets: CpuTarget[] = paths.map((path) => {
      const spec = specFor(path, workload);
      const separator = spec.path.includes("?") ? "&" : "?";
      const withQuery = path.query
        ? { ...spec, path: `${spec.path}${separator}${path.query}` }
        : spec;
      return { name: path.name, workload: workload.name, url: path.url, spec: withQuery };
    });
    const requests = Number(values.requests ?? (workload.streaming ? 48 : 256));
    const plan = { rounds: Number(values.rounds), requests, concurrency: connections, warmup: 16 };
    const samples = await measureCpuRounds(targets, plan, running.workerdPids, console.error);
    for (const [key, list] of samples) samplesOf.set(key, list);
    const reference = samples.get(sampleKey({ workload: workload.name, name: names[0] ?? "" }));
    results.push(
      `${workload.label}, c=${connections}, ${requests} requests per round: workerd CPU µs per request (median of rounds); ratio = median of per-round ratios to ${names[0]}`,
    );
    for (const name of names) {
      const list = samples.get(sampleKey({ workload: workload.name, name })) ?? [];
      const ratio = medianRatio(list, reference ?? []);
      results.push(
        `  ${name.padEnd(24)} ${String(Math.round(median(list))).padStart(6)}  ×${ratio.toFixed(2)}   rounds: ${list.map(Math.round).join(", ")}`,
      );
    }
  }
  await cleanUp();
  // With both streams: what each extra chunk costs (192 more chunks), per round, against the first path's.
  if (
    workloads.some((w) => w.name === "stream") &&
    workloads.some((w) => w.name === "stream-256")
  ) {
    const perChunk = (name: string) => {
      const short = samplesOf.get(sampleKey({ workload: "stream", name })) ?? [];
      const long = samplesOf.get(sampleKey({ workload: "stream-256", name })) ?? [];
      return long.map((value, round) => (value - (short[round] ?? Number.NaN)) / 192);
    };
    const reference = perChunk(names[0] ?? "");
    results.push(`CPU µs per extra stream chunk (256 − 64 chunks); ratio to ${names[0]}'s`);
    for (const name of names) {
      const list = perChunk(name);
      results.push(
        `  ${name.padEnd(24)} ${median(list).toFixed(1).padStart(6)}  ×${medianRatio(list, reference).toFixed(2)}   rounds: ${list.map((value) => value.toFixed(1)).join(", ")}`,
      );
    }
  }
  console.log(results.join("\n"));
}

main().catch(async (error: unknown) => {
  console.error(error);
  await cleanUp();
  process.exitCode = 1;
});
