/**
 * `npm run bench -- --soak [--seconds 300] [--connections 32] [--sample 10] [--out <dir>]`:
 * sustained mixed traffic through `npm start` exactly as a user runs it (the bundled emulator,
 * orchestrator + backend in workerd) — chat, streams, embeddings, /v1/messages, /v1/responses
 * and native Gemini over `connections` keep-alive connections for `seconds` — sampling every
 * process of it (RSS) and every worker isolate (V8 heap, and the heap after a full GC once a
 * minute) over time. It ends by checking that the gateway still answers. Loopback only, bounded
 * in time (at most an hour) and connections (at most 128).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { type IsolateSession, inspectIsolates } from "../test/support/heap.ts";
import { type Outcome, type SurfaceKind, sendRequest } from "../test/support/traffic.ts";

const ROOT = resolve(import.meta.dirname, "..");
const PASS = "sk-local-dev";
/** The mix: a third streamed, every surface, embeddings as often as a chat. */
const MIX: readonly SurfaceKind[] = [
  "chat",
  "chat-stream",
  "embeddings",
  "messages",
  "messages-stream",
  "responses",
  "responses-stream",
  "chat",
  "embeddings",
  "native",
  "native-stream",
  "messages",
];

const started = performance.now();
const elapsed = () => (performance.now() - started) / 1000;
const log = (message: string) =>
  console.error(`[soak ${elapsed().toFixed(0).padStart(4)}s] ${message}`);

function freePort(): Promise<number> {
  return new Promise((done) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

interface ProcessInfo {
  pid: number;
  /** e.g. "node scripts/start.ts", "workerd", "node wrangler". */
  label: string;
}

function statOf(pid: number): { comm: string; ppid: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const comm = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
    const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    return { comm, ppid };
  } catch {
    return null;
  }
}

function labelOf(pid: number, comm: string): string {
  if (comm !== "node" && comm !== "MainThread") return comm;
  try {
    const args = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean);
    const script = args.find((arg) => /\.(ts|js|mjs|cjs)$/.test(arg) || arg.endsWith("wrangler"));
    return `node ${script ? script.replace(`${ROOT}/`, "") : ""}`.trim();
  } catch {
    return comm;
  }
}

/** `root` and every process below it. */
function processTree(root: number): ProcessInfo[] {
  const parents = new Map<number, { comm: string; ppid: number }>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = statOf(Number(entry));
    if (stat) parents.set(Number(entry), stat);
  }
  const found: ProcessInfo[] = [];
  const visit = (pid: number) => {
    const stat = parents.get(pid);
    if (!stat) return;
    found.push({ pid, label: labelOf(pid, stat.comm) });
    for (const [child, info] of parents) if (info.ppid === pid) visit(child);
  };
  visit(root);
  return found.filter((entry) => !/^(sh|bash|esbuild)$/.test(entry.label));
}

/** Whether `pid` holds the socket listening on TCP `port` (so: which workerd is the public one). */
function listensOn(pid: number, port: number): boolean {
  try {
    const hexPort = port.toString(16).toUpperCase().padStart(4, "0");
    const inodes = new Set<string>();
    for (const line of readFileSync("/proc/net/tcp", "utf8").split("\n").slice(1)) {
      const fields = line.trim().split(/\s+/);
      // local address "0100007F:1F90", state 0A = LISTEN, inode in field 9
      if (fields[1]?.endsWith(`:${hexPort}`) && fields[3] === "0A" && fields[9])
        inodes.add(fields[9]);
    }
    for (const fd of readdirSync(`/proc/${pid}/fd`)) {
      try {
        const target = readlinkSync(`/proc/${pid}/fd/${fd}`);
        const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
        if (inode && inodes.has(inode)) return true;
      } catch {
        // closed meanwhile
      }
    }
  } catch {
    // not ours to read
  }
  return false;
}

function rssMb(pid: number): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
    return Number.isFinite(kb) ? kb / 1024 : null;
  } catch {
    return null;
  }
}

interface Sample {
  seconds: number;
  requests: number;
  /** RSS per process, MB (pid → MB). */
  rss: Record<string, number | null>;
  /** Per isolate: V8 heap in use (live + not yet collected), MB. */
  heapUsed: Record<string, number>;
  /** Per isolate: the heap after a full GC, MB (only on some samples). */
  heapAfterGc?: Record<string, number>;
}

interface Counts {
  byKind: Record<string, Record<Outcome, number>>;
  /** The first error answers as they came (status and the start of the body). */
  errorSamples: string[];
  total: number;
  connectionErrors: number;
  errorStatus: number;
}

async function startGateway(port: number, inspectorPort: number) {
  const env: Record<string, string> = {};
  // Offline, as a newcomer runs it: no keys, so the bundled emulator stands in for Gemini.
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined && !/^KEY\d+$/.test(name) && name !== "PASS") env[name] = value;
  }
  const child = spawn(process.execPath, ["scripts/start.ts"], {
    cwd: ROOT,
    env: { ...env, PORT: String(port), INSPECTOR_PORT: String(inspectorPort), CI: "true" },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  const keep = (data: Buffer) => {
    // Only the head is kept (readiness, errors at start); the per-request log lines are dropped.
    if (output.length < 20_000) output += data.toString("utf8");
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const deadline = Date.now() + 120_000;
  while (!/Ready on/.test(output)) {
    if (Date.now() > deadline || child.exitCode !== null) {
      throw new Error(`npm start did not become ready:\n${output.slice(0, 4000)}`);
    }
    await new Promise((done) => setTimeout(done, 200));
  }
  return { child, output: () => output };
}

function stopGateway(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return Promise.resolve();
  const exited = new Promise<void>((done) => child.once("exit", () => done()));
  try {
    process.kill(-child.pid, "SIGTERM");
  } catch {
    // gone
  }
  const timer = setTimeout(() => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
    } catch {
      // gone
    }
  }, 10_000);
  return exited.finally(() => clearTimeout(timer));
}

async function heapsOf(sessions: Map<string, IsolateSession>, afterGc: boolean) {
  const result: Record<string, number> = {};
  for (const [name, session] of sessions) {
    try {
      result[name] = afterGc
        ? (await session.usedAfterGc()) / 1e6
        : (await session.usage()).usedSize / 1e6;
    } catch {
      // the inspector did not answer in time: a gap in the series, not a failed run
    }
  }
  return result;
}

/** Least-squares slope of y over x (per unit of x). */
function slope(points: readonly [number, number][]): number | null {
  if (points.length < 3) return null;
  const n = points.length;
  const meanX = points.reduce((sum, [x]) => sum + x, 0) / n;
  const meanY = points.reduce((sum, [, y]) => sum + y, 0) / n;
  let numerator = 0;
  let denominator = 0;
  for (const [x, y] of points) {
    numerator += (x - meanX) * (y - meanY);
    denominator += (x - meanX) ** 2;
  }
  return denominator === 0 ? null : numerator / denominator;
}

async function gatewayAnswers(base: string): Promise<boolean> {
  try {
    const health = await fetch(`${base}/health`, { signal: AbortSignal.timeout(10_000) });
    const chat = await sendRequest(base, "chat", PASS, 0);
    return health.ok && chat === "ok";
  } catch {
    return false;
  }
}

export interface SoakOptions {
  seconds: number;
  connections: number;
  out: string;
  sampleSeconds: number;
}

export async function runSoak(options: SoakOptions) {
  const port = await freePort();
  const inspectorPort = await freePort();
  const mode = "npm start";
  log(`${mode} on 127.0.0.1:${port}; ${options.connections} connections for ${options.seconds} s`);
  const gateway = await startGateway(port, inspectorPort);
  const base = `http://127.0.0.1:${port}`;
  const samples: Sample[] = [];
  const counts: Counts = {
    byKind: {},
    errorSamples: [],
    total: 0,
    connectionErrors: 0,
    errorStatus: 0,
  };
  let sessions = new Map<string, IsolateSession>();
  let stopSampling = false;
  try {
    sessions = await inspectIsolates(inspectorPort);
    const pid = gateway.child.pid as number;
    const publicPid = (list: ProcessInfo[]) =>
      list.find((entry) => entry.label === "workerd" && listensOn(entry.pid, port))?.pid;
    const processes = () => {
      const list = processTree(pid);
      const front = publicPid(list);
      return list.map((entry) =>
        entry.pid === front ? { ...entry, label: `${entry.label} (public port)` } : entry,
      );
    };
    const describe = processes();
    log(`processes: ${describe.map((entry) => `${entry.pid} ${entry.label}`).join(", ")}`);
    const sample = async (afterGc: boolean): Promise<Sample> => {
      const rss: Record<string, number | null> = {};
      for (const entry of processes()) rss[`${entry.pid} ${entry.label}`] = rssMb(entry.pid);
      const entry: Sample = {
        seconds: Math.round(elapsed()),
        requests: counts.total,
        rss,
        heapUsed: await heapsOf(sessions, false),
      };
      if (afterGc) entry.heapAfterGc = await heapsOf(sessions, true);
      return entry;
    };
    samples.push(await sample(true));
    const soakStart = elapsed();
    const deadline = Date.now() + options.seconds * 1000;
    let next = 0;
    const lane = async () => {
      while (Date.now() < deadline) {
        const index = next++;
        const kind = MIX[index % MIX.length] as SurfaceKind;
        const outcome = await sendRequest(base, kind, PASS, index, {
          onError: (detail) => {
            if (counts.errorSamples.length < 10) counts.errorSamples.push(`${kind}: ${detail}`);
          },
        });
        const perKind = counts.byKind[kind] ?? {
          ok: 0,
          "error-status": 0,
          aborted: 0,
          "connection-error": 0,
        };
        counts.byKind[kind] = perKind;
        perKind[outcome]++;
        counts.total++;
        if (outcome === "connection-error") counts.connectionErrors++;
        if (outcome === "error-status") counts.errorStatus++;
      }
    };
    const sampler = (async () => {
      let round = 0;
      while (!stopSampling && Date.now() < deadline) {
        await new Promise((done) => setTimeout(done, options.sampleSeconds * 1000));
        if (stopSampling) break;
        round++;
        const entry = await sample(
          round % Math.max(1, Math.round(60 / options.sampleSeconds)) === 0,
        );
        samples.push(entry);
        const rssText = Object.entries(entry.rss)
          .map(([name, mb]) => `${name.split(" ").slice(1).join(" ")} ${mb?.toFixed(0) ?? "–"}`)
          .join(", ");
        const heapText = Object.entries(entry.heapAfterGc ?? entry.heapUsed)
          .map(([name, mb]) => `${name} ${mb.toFixed(1)}`)
          .join(", ");
        log(
          `${counts.total} requests (${counts.connectionErrors} connection errors, ${counts.errorStatus} error answers); RSS MB: ${rssText}; heap MB${entry.heapAfterGc ? " after GC" : ""}: ${heapText}`,
        );
      }
    })();
    await Promise.all(Array.from({ length: options.connections }, lane));
    stopSampling = true;
    await sampler;
    const soakSeconds = elapsed() - soakStart;
    await new Promise((done) => setTimeout(done, 2000));
    samples.push(await sample(true));
    const answering = await gatewayAnswers(base);
    const result = {
      meta: {
        date: new Date().toISOString(),
        mode,
        seconds: options.seconds,
        connections: options.connections,
        mix: MIX,
        processes: describe.map((entry) => `${entry.pid} ${entry.label}`),
      },
      requests: counts.total,
      requestsPerSecond: counts.total / soakSeconds,
      connectionErrors: counts.connectionErrors,
      errorAnswers: counts.errorStatus,
      errorSamples: counts.errorSamples,
      byKind: counts.byKind,
      answeringAtEnd: answering,
      samples,
      trends: trendsOf(samples),
    };
    const files = writeSoakReport(options.out, result);
    console.log(soakMarkdown(result));
    log(`wrote ${files.join(", ")}`);
    return result;
  } finally {
    stopSampling = true;
    for (const session of sessions.values()) session.close();
    await stopGateway(gateway.child);
  }
}

/**
 * Per process and isolate: the value once warm (the first sample past a quarter of the run),
 * at the end, the highest, and the slope over the second half (MB per minute).
 */
function trendsOf(samples: Sample[]) {
  const last = samples[samples.length - 1];
  const end = last?.seconds ?? 0;
  const warmAt = (samples[0]?.seconds ?? 0) + (end - (samples[0]?.seconds ?? 0)) / 4;
  const series = (pick: (sample: Sample) => Record<string, number | null> | undefined) => {
    const names = new Set(samples.flatMap((sample) => Object.keys(pick(sample) ?? {})));
    return [...names].map((name) => {
      const points = samples
        .map((sample) => [sample.seconds, pick(sample)?.[name]] as const)
        .filter((point): point is readonly [number, number] => typeof point[1] === "number");
      const warm = points.find(([seconds]) => seconds >= warmAt) ?? points[0];
      const secondHalf = points.filter(([seconds]) => seconds >= end / 2).map(([x, y]) => [x, y]);
      const perSecond = slope(secondHalf as [number, number][]);
      return {
        name,
        start: points[0]?.[1] ?? null,
        warm: warm?.[1] ?? null,
        end: points[points.length - 1]?.[1] ?? null,
        max: points.length > 0 ? Math.max(...points.map(([, y]) => y)) : null,
        mbPerMinuteSecondHalf: perSecond === null ? null : perSecond * 60,
      };
    });
  };
  return {
    rss: series((sample) => sample.rss),
    heapAfterGc: series((sample) => sample.heapAfterGc),
    heapUsed: series((sample) => sample.heapUsed),
  };
}

interface SoakReport {
  meta: { date: string; mode: string; seconds: number; connections: number };
  requests: number;
  requestsPerSecond: number;
  connectionErrors: number;
  errorAnswers: number;
  answeringAtEnd: boolean;
  trends: ReturnType<typeof trendsOf>;
}

const fixed = (value: number | null, digits = 0) => (value === null ? "–" : value.toFixed(digits));

export function soakMarkdown(result: SoakReport): string {
  const lines = [
    `## Soak: ${result.meta.mode}, ${result.meta.connections} connections, ${result.meta.seconds} s (${result.meta.date})`,
    "",
    `${result.requests} requests (${result.requestsPerSecond.toFixed(0)}/s), ${result.connectionErrors} connection errors, ${result.errorAnswers} error answers; gateway answering at the end: ${result.answeringAtEnd ? "yes" : "NO"}`,
    "",
    "| series | start | warm (¼) | end | max | MB/min, 2nd half |",
    "| --- | --- | --- | --- | --- | --- |",
  ];
  const rows = (title: string, entries: ReturnType<typeof trendsOf>["rss"], digits: number) => {
    for (const entry of entries) {
      lines.push(
        `| ${title} ${entry.name} | ${fixed(entry.start, digits)} | ${fixed(entry.warm, digits)} | ${fixed(entry.end, digits)} | ${fixed(entry.max, digits)} | ${fixed(entry.mbPerMinuteSecondHalf, 2)} |`,
      );
    }
  };
  rows("RSS MB", result.trends.rss, 0);
  rows("heap after GC MB", result.trends.heapAfterGc, 2);
  rows("heap in use MB", result.trends.heapUsed, 1);
  return lines.join("\n");
}

function writeSoakReport(out: string, result: SoakReport & Record<string, unknown>): string[] {
  mkdirSync(out, { recursive: true });
  const stamp = result.meta.date.replace(/[:.]/g, "-");
  const json = `${out}/soak-${stamp}.json`;
  const markdown = `${out}/soak-${stamp}.md`;
  writeFileSync(json, JSON.stringify(result, null, 2));
  writeFileSync(markdown, `${soakMarkdown(result)}\n`);
  return [json, markdown];
}

export function parseSoakOptions(argv: string[]): SoakOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      soak: { type: "boolean", default: false },
      seconds: { type: "string", default: "300" },
      connections: { type: "string", default: "32" },
      out: { type: "string" },
      sample: { type: "string", default: "10" },
    },
    strict: false,
  });
  const seconds = Number(values.seconds);
  const connections = Number(values.connections);
  const sampleSeconds = Number(values.sample);
  if (!(seconds > 0 && seconds <= 3600)) throw new Error("--seconds must be in 1..3600");
  if (!(Number.isInteger(connections) && connections >= 1 && connections <= 128))
    throw new Error("--connections must be in 1..128");
  if (!(sampleSeconds >= 1 && sampleSeconds <= 60)) throw new Error("--sample must be in 1..60");
  return {
    seconds,
    connections,
    out: resolve(typeof values.out === "string" ? values.out : `${ROOT}/bench/results`),
    sampleSeconds,
  };
}

if (import.meta.main) {
  runSoak(parseSoakOptions(process.argv.slice(2))).catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
