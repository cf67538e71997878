/**
 * `node bench/profile-worker.ts [--worker backend] [--target shard-0] [--workload
 * chat|image|stream|embed] [--seconds S] [--concurrency C]`: a V8 CPU profile of one worker
 * inside workerd while it serves a workload, taken over the inspector protocol (`--target`: a
 * worker behind the one under load). Writes bench/results/<worker>-<workload>.cpuprofile (open it
 * in Chrome DevTools) and prints the functions with the most self time.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { runLoad } from "./load.ts";
import { buildMediaWorkloads } from "./media-workloads.ts";
import { startPaths } from "./paths.ts";
import { cleanUp, startNodeChild } from "./processes.ts";
import { buildWorkloads, specFor } from "./workloads.ts";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
}

const ROOT = resolve(import.meta.dirname, "..");
const PASS = "bench-pass-not-a-secret";
const KEYS = ["bench-key-1"];

function freePort(): Promise<number> {
  return new Promise((done) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

/** A minimal Chrome DevTools Protocol session over the global WebSocket. */
async function connect(url: string) {
  const socket = new WebSocket(url);
  await new Promise((opened, failed) => {
    socket.onopen = opened;
    socket.onerror = failed;
  });
  let next = 0;
  const pending = new Map<number, (result: unknown) => void>();
  socket.onmessage = (event) => {
    const message = JSON.parse(String(event.data)) as { id?: number; result?: unknown };
    if (message.id !== undefined) pending.get(message.id)?.(message.result);
  };
  const send = <T>(method: string, params: object = {}) =>
    new Promise<T>((done) => {
      const id = ++next;
      pending.set(id, (result) => done(result as T));
      socket.send(JSON.stringify({ id, method, params }));
    });
  return { send, close: () => socket.close() };
}

/** Self time per function, largest first, as "ms  %  name  url:line". */
function topSelfTime(profile: Profile, limit: number): string[] {
  const interval =
    (profile.endTime - profile.startTime) / Math.max(profile.samples?.length ?? 1, 1);
  const totals = new Map<string, number>();
  let all = 0;
  for (const node of profile.nodes) {
    const { functionName, url, lineNumber } = node.callFrame;
    const key = `${functionName || "(anonymous)"}  ${url.split("/").pop() ?? ""}:${lineNumber + 1}`;
    const hits = node.hitCount ?? 0;
    totals.set(key, (totals.get(key) ?? 0) + hits);
    all += hits;
  }
  return [...totals.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(
      ([key, hits]) =>
        `${((hits * interval) / 1000).toFixed(1).padStart(8)} ms ${((hits / all) * 100).toFixed(1).padStart(5)}%  ${key}`,
    );
}

async function main() {
  const { values } = parseArgs({
    options: {
      worker: { type: "string", default: "backend" },
      /** Profile another worker than the one the load is sent to, e.g. `shard-0` behind `topology`. */
      target: { type: "string" },
      workload: { type: "string", default: "chat" },
      seconds: { type: "string", default: "5" },
      concurrency: { type: "string", default: "16" },
    },
  });
  const inspectorPort = await freePort();
  const { message } = await startNodeChild<{ url: string }>(
    `${ROOT}/bench/emulator-process.ts`,
    { keys: KEYS, port: 0, latencyMs: 50, streamChunks: 256, streamIntervalMs: 20 },
    null,
  );
  const running = await startPaths({
    emulatorUrl: message.url,
    pass: PASS,
    keys: KEYS,
    shards: [KEYS],
    inspectorPort,
  });
  const path = running.paths.find((candidate) => candidate.name === values.worker);
  const credentials = { pass: PASS, key: KEYS[0] ?? "" };
  const workload = [
    ...(await buildWorkloads(credentials, { cpu: true })),
    ...buildMediaWorkloads(credentials),
  ].find((candidate) => candidate.name === values.workload);
  if (!path || !workload) throw new Error("unknown --worker or --workload");
  const spec = specFor(path, workload);
  const targets = (await (await fetch(`http://127.0.0.1:${inspectorPort}/json/list`)).json()) as {
    id: string;
    title?: string;
    webSocketDebuggerUrl: string;
  }[];
  const profiled = values.target ?? path.name;
  const target = targets.find((entry) => entry.id.endsWith(`:${profiled}`));
  if (!target) throw new Error(`no inspector target for ${profiled}: ${JSON.stringify(targets)}`);
  const session = await connect(target.webSocketDebuggerUrl);
  await runLoad(path.url, spec, Number(values.concurrency), 1); // warm-up
  await session.send("Profiler.enable");
  await session.send("Profiler.setSamplingInterval", { interval: 100 });
  await session.send("Profiler.start");
  const result = await runLoad(path.url, spec, Number(values.concurrency), Number(values.seconds));
  const { profile } = await session.send<{ profile: Profile }>("Profiler.stop");
  session.close();
  await cleanUp();
  const out = `${ROOT}/bench/results/${profiled}-${workload.name}.cpuprofile`;
  mkdirSync(`${ROOT}/bench/results`, { recursive: true });
  writeFileSync(out, JSON.stringify(profile));
  console.log(
    `${result.completed} requests of ${workload.label} through ${path.name}; wrote ${out}`,
  );
  console.log("self time (whole profile):");
  for (const line of topSelfTime(profile, 25)) console.log(line);
}

main().catch(async (error: unknown) => {
  console.error(error);
  await cleanUp();
  process.exitCode = 1;
});
