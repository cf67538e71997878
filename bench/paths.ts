/**
 * The paths under test, all in front of one emulator. Every worker runs in one workerd process
 * (Miniflare), each served on its own socket with `unsafeDirectSockets`, so the client talks to
 * the worker itself and not through Miniflare's entry/loopback proxy worker.
 */
import { relative } from "node:path";
import type { Readable } from "node:stream";
import { Miniflare, type WorkerOptions } from "miniflare";
import {
  bundleWorker,
  COMPATIBILITY_DATE,
  COMPATIBILITY_FLAGS,
  ROOT,
} from "../test/support/workerd.ts";
import { childProcesses, killWhenOrphaned, onCleanup } from "./processes.ts";

export type PathName =
  | "direct"
  | "floor-1hop"
  | "floor-2hop"
  | "backend"
  | "topology"
  | "topology-native"
  | "translate-floor"
  | "relay-floor"
  | "backend-before"
  | "topology-before"
  | "topology-native-before";

export interface BenchPath {
  name: PathName;
  /** Workers between client and emulator. */
  hops: 0 | 1 | 2;
  /**
   * Which API the path speaks: the direct and floor paths Gemini with a key, the router OpenAI,
   * or Gemini's own API with the PASS as its key (the router's native surface).
   */
  speaks: "gemini" | "openai" | "native";
  url: string;
  description: string;
}

export interface RunningPaths {
  paths: BenchPath[];
  /** Workers for scale, not part of the report's paths: the least translating worker. */
  references: BenchPath[];
  /** The floor worker reached through Miniflare's entry proxy instead of its direct socket. */
  proxiedFloorUrl: string;
  workerdPids: number[];
  close(): Promise<void>;
}

export interface PathOptions {
  emulatorUrl: string;
  pass: string;
  /** Keys of the single backend; the topology's backends get `shards`. */
  keys: string[];
  shards: string[][];
  /**
   * Another checkout of this repository (absolute path), whose backend and orchestrator run
   * beside this tree's as the `backend-before` and `topology-before` references: a before/after
   * comparison in one workerd, one run (bench/compare-cpu.ts).
   */
  beforeTree?: string;
  /** Opens workerd's V8 inspector on this port (for bench/profile-worker.ts). */
  inspectorPort?: number;
}

const keyBindings = (keys: readonly string[]) =>
  Object.fromEntries(keys.map((key, index) => [`KEY${index + 1}`, key]));

const direct = [{ host: "127.0.0.1", port: 0 }];

export async function startPaths(options: PathOptions): Promise<RunningPaths> {
  const [floor, translateFloor, relayFloor, backend, orchestrator] = await Promise.all([
    bundleWorker("bench/floor-worker.ts"),
    bundleWorker("bench/translate-floor-worker.ts"),
    bundleWorker("bench/relay-floor-worker.ts"),
    bundleWorker("src/index.ts"),
    bundleWorker("orchestrator/src/index.ts"),
  ]);
  const before = options.beforeTree
    ? await Promise.all([
        bundleWorker(relative(ROOT, `${options.beforeTree}/src/index.ts`)),
        bundleWorker(relative(ROOT, `${options.beforeTree}/orchestrator/src/index.ts`)),
      ])
    : null;
  const worker = (name: string, script: string, rest: Partial<WorkerOptions>): WorkerOptions =>
    ({
      name,
      modules: true,
      script,
      compatibilityDate: COMPATIBILITY_DATE,
      compatibilityFlags: COMPATIBILITY_FLAGS,
      ...rest,
    }) as WorkerOptions;
  const backendBindings = (keys: readonly string[]) => ({
    PASS: options.pass,
    GEMINI_BASE_URL: options.emulatorUrl,
    ...keyBindings(keys),
  });
  const services = Object.fromEntries(
    options.shards.map((_, index) => [`BACKEND_SERVICE_${index}`, `shard-${index}`]),
  );
  const weights = Object.fromEntries(
    options.shards.map((keys, index) => [`BACKEND_SERVICE_${index}`, keys.length]),
  );
  const workers: WorkerOptions[] = [
    worker("floor-1hop", floor, {
      bindings: { UPSTREAM: options.emulatorUrl },
      unsafeDirectSockets: direct,
    }),
    worker("floor-2hop", floor, {
      serviceBindings: { NEXT: "floor-1hop" },
      unsafeDirectSockets: direct,
    }),
    worker("translate-floor", translateFloor, {
      bindings: { UPSTREAM: options.emulatorUrl, KEY: options.keys[0] ?? "" },
      unsafeDirectSockets: direct,
    }),
    worker("relay-floor", relayFloor, {
      bindings: { UPSTREAM: options.emulatorUrl },
      unsafeDirectSockets: direct,
    }),
    worker("backend", backend, {
      bindings: backendBindings(options.keys),
      unsafeDirectSockets: direct,
    }),
    worker("topology", orchestrator, {
      bindings: { PASS: options.pass, BACKEND_WEIGHTS: JSON.stringify(weights) },
      serviceBindings: services,
      unsafeDirectSockets: direct,
    }),
    ...options.shards.map((keys, index) =>
      worker(`shard-${index}`, backend, { bindings: backendBindings(keys) }),
    ),
  ];
  if (before) {
    const [backendBefore, orchestratorBefore] = before;
    workers.push(
      worker("backend-before", backendBefore, {
        bindings: backendBindings(options.keys),
        unsafeDirectSockets: direct,
      }),
      worker("topology-before", orchestratorBefore, {
        bindings: { PASS: options.pass, BACKEND_WEIGHTS: JSON.stringify(weights) },
        serviceBindings: Object.fromEntries(
          options.shards.map((_, index) => [`BACKEND_SERVICE_${index}`, `shard-before-${index}`]),
        ),
        unsafeDirectSockets: direct,
      }),
      ...options.shards.map((keys, index) =>
        worker(`shard-before-${index}`, backendBefore, { bindings: backendBindings(keys) }),
      ),
    );
  }
  const miniflare = new Miniflare({
    host: "127.0.0.1",
    port: 0,
    workers,
    ...(options.inspectorPort !== undefined && { inspectorPort: options.inspectorPort }),
    // Workers log one line per request; workerd still writes them, we only drop them here.
    handleRuntimeStdio(stdout: Readable, stderr: Readable) {
      stdout.resume();
      stderr.resume();
    },
  });
  const close = () => miniflare.dispose().catch(() => {});
  const entry = (await miniflare.ready).toString().replace(/\/$/, "");
  const workerdPids = childProcesses(process.pid, "workerd");
  onCleanup(close, workerdPids);
  killWhenOrphaned(workerdPids);
  const urlOf = async (name: string) =>
    (await miniflare.unsafeGetDirectURL(name)).toString().replace(/\/$/, "");
  const shardCount = options.shards.length;
  const paths: BenchPath[] = [
    {
      name: "direct",
      hops: 0,
      speaks: "gemini",
      url: options.emulatorUrl,
      description: "client → emulator (the floor)",
    },
    {
      name: "floor-1hop",
      hops: 1,
      speaks: "gemini",
      url: await urlOf("floor-1hop"),
      description: "client → forwarding worker → emulator",
    },
    {
      name: "floor-2hop",
      hops: 2,
      speaks: "gemini",
      url: await urlOf("floor-2hop"),
      description: "client → forwarding worker → service binding → forwarding worker → emulator",
    },
    {
      name: "backend",
      hops: 1,
      speaks: "openai",
      url: await urlOf("backend"),
      description: "client → backend worker (OpenAI ⇄ Gemini) → emulator",
    },
    {
      name: "topology",
      hops: 2,
      speaks: "openai",
      url: await urlOf("topology"),
      description: `client → orchestrator → service binding → 1 of ${shardCount} backends → emulator`,
    },
    {
      name: "topology-native",
      hops: 2,
      speaks: "native",
      url: await urlOf("topology"),
      description: `the same topology, native Gemini API (body and answer passed through untranslated)`,
    },
  ];
  const references: BenchPath[] = [
    {
      name: "translate-floor",
      hops: 1,
      speaks: "openai",
      url: await urlOf("translate-floor"),
      description: "client → the least translating worker (text chat only) → emulator",
    },
    {
      name: "relay-floor",
      hops: 1,
      speaks: "gemini",
      url: await urlOf("relay-floor"),
      description:
        "client → a forwarding worker whose answer passes through JavaScript chunk by chunk",
    },
  ];
  if (before) {
    references.push(
      {
        name: "backend-before",
        hops: 1,
        speaks: "openai",
        url: await urlOf("backend-before"),
        description: "the backend of the --before checkout",
      },
      {
        name: "topology-before",
        hops: 2,
        speaks: "openai",
        url: await urlOf("topology-before"),
        description: "the topology of the --before checkout",
      },
      {
        name: "topology-native-before",
        hops: 2,
        speaks: "native",
        url: await urlOf("topology-before"),
        description: "the topology of the --before checkout, native Gemini API",
      },
    );
  }
  return { paths, references, proxiedFloorUrl: entry, workerdPids, close };
}
