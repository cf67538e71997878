import type { Readable } from "node:stream";
import { Miniflare, type WorkerOptions } from "miniflare";
import { backendKeyNames, backendSecrets, type DeployPlan } from "../deploy/plan.ts";
import { pickVars, settingNames } from "../deploy/worker-vars.ts";
import {
  COMPATIBILITY_DATE,
  COMPATIBILITY_FLAGS,
  orchestratorConfig,
} from "../deploy/wrangler-config.ts";
import { bundleWorker } from "./bundle-worker.ts";

export interface LocalSettings {
  /** The environment `npm start` runs in (process env over `.dev.vars`). */
  env: Record<string, string | undefined>;
  pass: string | undefined;
  /** TOKEN_SECRET, when per-user tokens are on. */
  tokenSecret?: string | undefined;
  /** Where the backends reach Gemini (the emulator when no key is set), over GEMINI_BASE_URL. */
  upstream: string | undefined;
}

/** A worker of the local topology: its name, entry, plain vars, secrets and service bindings. */
export interface LocalWorker {
  name: string;
  entry: string;
  vars: Record<string, string>;
  secrets: Record<string, string>;
  serviceBindings: Record<string, string>;
  /** Rate Limiting bindings (the entry worker's RATE_LIMITS), as Miniflare declares them. */
  ratelimits: Record<string, { simple: { limit: number; period: 10 | 60 } }>;
}

/**
 * The workers `npm start` runs, exactly as a deploy shapes them: the orchestrator first (it
 * answers on the port), with one service binding per backend and BACKEND_WEIGHTS; each backend
 * with its keys as KEY1..KEYk and KEY_NAMES (which variable each key came from, by fingerprint).
 * Every documented setting (deploy/worker-vars.ts) found in the environment goes to the
 * worker(s) that read it.
 */
export function localWorkers(plan: DeployPlan, settings: LocalSettings): LocalWorker[] {
  const backendVars = pickVars(settings.env, settingNames("backend"));
  if (settings.upstream) backendVars.GEMINI_BASE_URL = settings.upstream;
  // The orchestrator's config as a deploy writes it: its generated vars (BACKEND_WEIGHTS,
  // BACKEND_KEYS, …) and its Rate Limiting bindings come from the same function.
  const config = orchestratorConfig(plan, {
    main: "orchestrator/src/index.ts",
    vars: pickVars(settings.env, settingNames("orchestrator")),
  });
  const orchestrator: LocalWorker = {
    name: plan.orchestratorName,
    entry: "orchestrator/src/index.ts",
    vars: config.vars ?? {},
    secrets: {
      ...(settings.pass && { PASS: settings.pass }),
      ...(settings.tokenSecret && { TOKEN_SECRET: settings.tokenSecret }),
    },
    serviceBindings: Object.fromEntries(
      (config.services ?? []).map((service) => [service.binding, service.service]),
    ),
    ratelimits: Object.fromEntries(
      (config.ratelimits ?? []).map((binding) => [
        binding.name,
        { simple: { limit: binding.simple.limit, period: binding.simple.period === 10 ? 10 : 60 } },
      ]),
    ),
  };
  const backends = plan.backends.map(
    (backend): LocalWorker => ({
      name: backend.name,
      entry: "src/index.ts",
      vars: { ...backendVars, KEY_NAMES: backendKeyNames(backend.keys) },
      secrets: backendSecrets(backend, settings.pass, settings.tokenSecret),
      serviceBindings: {},
      ratelimits: {},
    }),
  );
  return [orchestrator, ...backends];
}

/**
 * Runs the workers in one workerd through Miniflare, on 127.0.0.1:`port`, with real service
 * bindings. Not `wrangler dev`: its DevTools proxy turns every 4 KiB of every upstream answer
 * (a `Network.dataReceived` inspector event) into a new HTTP connection to wrangler's own process
 * — ~20,000 sockets and gigabytes of memory for one 1,000-input embeddings request.
 */
export async function startLocalTopology(
  workers: readonly LocalWorker[],
  port: number,
  log: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream },
  inspectorOptions: { inspectorPort?: number } = {},
): Promise<{ url: URL; miniflare: Miniflare }> {
  const options: WorkerOptions[] = await Promise.all(
    workers.map(async (worker) => ({
      name: worker.name,
      modules: true,
      script: await bundleWorker(worker.entry),
      compatibilityDate: COMPATIBILITY_DATE,
      compatibilityFlags: [...COMPATIBILITY_FLAGS],
      bindings: { ...worker.vars, ...worker.secrets },
      serviceBindings: worker.serviceBindings,
      ratelimits: worker.ratelimits,
    })),
  );
  const miniflare = new Miniflare({
    host: "127.0.0.1",
    port,
    workers: options,
    // INSPECTOR_PORT: workerd's V8 inspector, for heap measurements (npm run bench -- --soak).
    // Off by default: an attached inspector keeps the last 1,000 log lines of every worker.
    ...(inspectorOptions.inspectorPort !== undefined && {
      inspectorPort: inspectorOptions.inspectorPort,
    }),
    handleRuntimeStdio: (stdout: Readable, stderr: Readable) => {
      stdout.pipe(log.stdout);
      stderr.pipe(log.stderr);
    },
  });
  return { url: await miniflare.ready, miniflare };
}
