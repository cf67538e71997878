import OpenAI from "openai";
import { keyPrintOf } from "../../deploy/fingerprint.ts";
import { backendKeyNames } from "../../deploy/plan.ts";
import { type Emulator, type EmulatorOptions, startEmulator } from "../../emulator/server.ts";
import { keyBindings, type RunningWorkers, startWorkers, type WorkerSpec } from "./workerd.ts";

export const PASS = "test-pass-orchestrator";

export interface Topology {
  emulator: Emulator;
  workers: RunningWorkers;
  /** The official SDK pointed at the orchestrator; maxRetries 0 so its own retries hide nothing. */
  client: OpenAI;
  url: string;
  /** Every key, backend by backend. */
  shards: string[][];
  close(): Promise<void>;
}

export interface TopologyOptions {
  /** The keys of each backend, e.g. 8/8/1. */
  shards: string[][];
  /** Weight each backend by its key count in BACKEND_WEIGHTS (default true). */
  weighted?: boolean;
  /** Tell the orchestrator each backend's key prints in BACKEND_KEYS (default true). */
  keyMap?: boolean;
  /**
   * The variable each key came from, backend by backend, given to each backend in KEY_NAMES as
   * the deploy tooling writes it (deploy/plan.ts backendKeyNames); default `KEY1…KEYn` numbered
   * across all backends, as the user's repository secrets would be; `false`: no KEY_NAMES.
   */
  keyNames?: string[][] | false;
  /** Extra workers, and which backend slot each replaces (e.g. a broken one). */
  replace?: Record<number, WorkerSpec>;
  emulator?: Omit<EmulatorOptions, "keys">;
  /** Extra bindings of the orchestrator (e.g. BACKEND_TIMEOUT_S). */
  orchestratorBindings?: Record<string, string>;
  /** Extra bindings of every backend (e.g. ANTHROPIC_MODEL_MAP). */
  backendBindings?: Record<string, string>;
  /** Opens workerd's V8 inspector on this port (heap measurements). */
  inspectorPort?: number;
  /** Called with each line the workers log (their request log lines among them). */
  onLog?: (line: string) => void;
  /** Other kinds of bindings of the orchestrator (rate limits, wrapped fakes). */
  orchestratorExtras?: Pick<WorkerSpec, "ratelimits" | "wrappedBindings">;
  /** Other kinds of bindings of every backend. */
  backendExtras?: Pick<WorkerSpec, "ratelimits" | "wrappedBindings">;
  /** Workers that only implement wrapped bindings (fakes of Cloudflare's services). */
  wrappedWorkers?: WorkerSpec[];
  /** An emulator already running (e.g. re-sharded keys over the same projects); not closed here. */
  existingEmulator?: Emulator;
}

/** Keys named after their backend and position: `test-key-b1-3`. */
export const shardKeys = (sizes: number[]) =>
  sizes.map((size, backend) =>
    Array.from({ length: size }, (_, index) => `test-key-b${backend}-${index + 1}`),
  );

/**
 * Production's topology in one workerd process: the orchestrator in front of one backend worker
 * per shard (service bindings BACKEND_SERVICE_<i>), all backends calling one in-process emulator.
 */
export async function startTopology(options: TopologyOptions): Promise<Topology> {
  const emulator =
    options.existingEmulator ??
    (await startEmulator({ ...options.emulator, keys: options.shards.flat() }));
  const serviceBindings: Record<string, string> = {};
  const weights: Record<string, number> = {};
  const prints: Record<string, string[]> = {};
  let numbered = 0;
  const names =
    options.keyNames === false
      ? undefined
      : (options.keyNames ?? options.shards.map((keys) => keys.map(() => `KEY${++numbered}`)));
  const backends: WorkerSpec[] = options.shards.map((keys, index) => {
    const replacement = options.replace?.[index];
    const name = replacement?.name ?? `b${index}`;
    serviceBindings[`BACKEND_SERVICE_${index}`] = name;
    weights[`BACKEND_SERVICE_${index}`] = keys.length;
    prints[`BACKEND_SERVICE_${index}`] = keys.map(keyPrintOf);
    if (replacement) return replacement;
    return {
      name,
      entry: "src/index.ts",
      bindings: {
        PASS,
        GEMINI_BASE_URL: emulator.url,
        ...keyBindings(keys),
        ...(names && {
          KEY_NAMES: backendKeyNames(
            keys.map((value, position) => ({ value, sourceName: names[index]?.[position] ?? "" })),
          ),
        }),
        ...options.backendBindings,
      },
      ...options.backendExtras,
    };
  });
  const bindings: Record<string, string> = { PASS, ...options.orchestratorBindings };
  if (options.weighted ?? true) bindings.BACKEND_WEIGHTS = JSON.stringify(weights);
  // Where each key is, as the deploy tooling writes it (deploy/plan.ts backendKeyPrints).
  if (options.keyMap ?? true) bindings.BACKEND_KEYS = JSON.stringify(prints);
  const workers = await startWorkers(
    [
      {
        name: "orchestrator",
        entry: "orchestrator/src/index.ts",
        bindings,
        serviceBindings,
        ...options.orchestratorExtras,
      },
      ...backends,
      ...(options.wrappedWorkers ?? []),
    ],
    { inspectorPort: options.inspectorPort, onLog: options.onLog },
  );
  return {
    emulator,
    workers,
    client: new OpenAI({ baseURL: `${workers.url}/v1`, apiKey: PASS, maxRetries: 0 }),
    url: workers.url,
    shards: options.shards,
    close: async () => {
      await workers.dispose();
      if (!options.existingEmulator) await emulator.close();
    },
  };
}

/** Runs `task` `total` times with at most `concurrency` in flight; resolves when all are done. */
export async function runBounded(
  total: number,
  concurrency: number,
  task: (index: number) => Promise<unknown>,
): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < total) await task(next++);
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
}
