import type { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import { Miniflare } from "miniflare";
import { bundleWorker } from "../../scripts/bundle-worker.ts";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const COMPATIBILITY_DATE = "2026-04-01";
/** As deployed (deploy/wrangler-config.ts): `request.signal` fires when the caller goes away. */
export const COMPATIBILITY_FLAGS = ["enable_request_signal"];

export { bundleWorker } from "../../scripts/bundle-worker.ts";

export interface WorkerSpec {
  name: string;
  /** A worker entry below the repo root, e.g. `src/index.ts`… */
  entry?: string;
  /** …or an inline ES module script. */
  script?: string;
  bindings?: Record<string, string>;
  /** Other workers by name, or a function in this Node process (a fake of a Cloudflare service). */
  serviceBindings?: Record<string, string | ((request: Request) => Promise<Response>)>;
  /** Rate Limiting bindings, as wrangler's `ratelimits` declares them. */
  ratelimits?: Record<string, { simple: { limit: number; period: 10 | 60 } }>;
  /** Bindings implemented by another (wrapped) worker's default export, e.g. a fake dataset. */
  wrappedBindings?: Record<string, string>;
  /** This worker only implements wrapped bindings: it gets no compatibility settings. */
  wrapped?: boolean;
}

export interface WorkersOptions {
  /** Opens workerd's V8 inspector on this port (heap measurements: test/support/heap.ts). */
  inspectorPort?: number;
  /** Called with each line the workers write to stdout (their console.log), e.g. request logs. */
  onLog?: (line: string) => void;
}

export interface RunningWorkers {
  /** URL of the first worker. */
  url: string;
  miniflare: Miniflare;
  dispose(): Promise<void>;
}

/**
 * Runs workers in workerd (through Miniflare) in one process, with real service bindings between
 * them. The first worker answers on the returned URL.
 */
export async function startWorkers(
  specs: WorkerSpec[],
  options: WorkersOptions = {},
): Promise<RunningWorkers> {
  const workers = await Promise.all(
    specs.map(async (spec) => ({
      name: spec.name,
      modules: true,
      script: spec.script ?? (await bundleWorker(spec.entry ?? "src/index.ts")),
      ...(!spec.wrapped && {
        compatibilityDate: COMPATIBILITY_DATE,
        compatibilityFlags: COMPATIBILITY_FLAGS,
      }),
      bindings: spec.bindings ?? {},
      serviceBindings: spec.serviceBindings ?? {},
      ...(spec.ratelimits && { ratelimits: spec.ratelimits }),
      ...(spec.wrappedBindings && { wrappedBindings: spec.wrappedBindings }),
    })),
  );
  const miniflare = new Miniflare({
    host: "127.0.0.1",
    port: 0,
    workers,
    ...(options.inspectorPort !== undefined && { inspectorPort: options.inspectorPort }),
    // The workers' own log lines are noise in test output; WORKERD_LOGS=1 shows them.
    handleRuntimeStdio: (stdout: Readable, stderr: Readable) => {
      const onLog = options.onLog;
      if (onLog) {
        let pending = "";
        stdout.setEncoding("utf8");
        stdout.on("data", (chunk: string) => {
          const lines = (pending + chunk).split("\n");
          pending = lines.pop() ?? "";
          for (const line of lines) onLog(line);
        });
      }
      if (process.env.WORKERD_LOGS) {
        stdout.pipe(process.stdout);
        stderr.pipe(process.stderr);
      } else {
        if (!onLog) stdout.resume();
        stderr.resume();
      }
    },
  });
  const url = (await miniflare.ready).toString().replace(/\/$/, "");
  return { url, miniflare, dispose: () => miniflare.dispose() };
}

/** A worker's key bindings for a list of keys: `KEY1`, `KEY2`, … */
export const keyBindings = (keys: readonly string[]): Record<string, string> =>
  Object.fromEntries(keys.map((key, index) => [`KEY${index + 1}`, key]));
