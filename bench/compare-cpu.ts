/**
 * `[SHARDS=8,8,4] node bench/compare-cpu.ts [--workload chat] [--paths floor-1hop,backend,
 * topology?exp=1] [--seconds 3] [--rounds 3] [--concurrency 16] [--before <checkout>]`:
 * workerd CPU per request of chosen paths for one workload, measured in alternating rounds (so
 * drift on the machine hits every path alike) — the quick loop for trying a hot-path change;
 * `npm run bench` remains the report of record. Besides the bench's paths it knows
 * `translate-floor` (bench/translate-floor-worker.ts): the least any translation costs, for scale
 * (chat only). `--before <checkout>` adds `backend-before` and `topology-before`: another
 * checkout's workers (e.g. `git worktree add /tmp/before <commit>`) in the same workerd.
 */
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { runLoad } from "./load.ts";
import { buildMediaWorkloads } from "./media-workloads.ts";
import { startPaths } from "./paths.ts";
import { cleanUp, cpuSeconds, hasTaskset, pinProcess, startNodeChild } from "./processes.ts";
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
      seconds: { type: "string", default: "3" },
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
      streamChunks: 64,
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
  const workload = [
    ...(await buildWorkloads(credentials)),
    ...buildMediaWorkloads(credentials),
  ].find((candidate) => candidate.name === values.workload);
  if (!workload) throw new Error(`unknown --workload ${values.workload}`);
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
  const specOf = (path: (typeof paths)[number]) => {
    const spec = specFor(path, workload);
    if (!path.query) return spec;
    const separator = spec.path.includes("?") ? "&" : "?";
    return { ...spec, path: `${spec.path}${separator}${path.query}` };
  };
  const connections = Number(values.concurrency);
  for (const path of paths) await runLoad(path.url, specOf(path), connections, 1);
  const samples = new Map<string, number[]>(names.map((name) => [name, []]));
  for (let round = 0; round < Number(values.rounds); round++) {
    for (const path of paths) {
      const before = cpuSeconds(running.workerdPids);
      const result = await runLoad(path.url, specOf(path), connections, Number(values.seconds));
      const cpu = cpuSeconds(running.workerdPids) - before;
      if (result.completed > 0) samples.get(path.name)?.push((cpu * 1e6) / result.completed);
    }
  }
  await cleanUp();
  const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
  // Each round's paths ran back to back, so a per-round ratio cancels the machine's drift.
  const reference = samples.get(names[0] ?? "") ?? [];
  console.log(
    `${workload.label}, c=${connections}: workerd CPU µs per request (median of rounds); ratio = median of per-round ratios to ${names[0]}`,
  );
  for (const [name, list] of samples) {
    const ratio = median(list.map((value, round) => value / (reference[round] ?? Number.NaN)));
    console.log(
      `${name.padEnd(24)} ${String(Math.round(median(list) ?? Number.NaN)).padStart(6)}  ×${(ratio ?? Number.NaN).toFixed(2)}   rounds: ${list.map(Math.round).join(", ")}`,
    );
  }
}

main().catch(async (error: unknown) => {
  console.error(error);
  await cleanUp();
  process.exitCode = 1;
});
