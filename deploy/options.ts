import { collectKeys, type KeyEntry } from "./plan.ts";
import { UserError } from "./user-error.ts";

export interface DeployOptions {
  dryRun: boolean;
  offline: boolean;
  smartPlacement: boolean;
  /** Targeted Placement of the backends, e.g. `gcp:us-central1` (next to a Gemini region). */
  placementRegion: string | null;
  pr: number | null;
  keysPerWorker: number;
  /** Cloudflare's cap on env vars + secrets per Worker: 64 on the free plan, 128 on paid. */
  maxBindings: number;
  /**
   * `limits.cpu_ms` of every worker (the paid plan's CPU limit per request, up to 300,000 ms), or
   * null to leave the plan's own (free: 10 ms, which cannot be raised; paid: 30,000 ms).
   */
  cpuMs: number | null;
}

/** The most CPU time per request the paid plan allows (https://developers.cloudflare.com/changelog/2025-03-25-higher-cpu-limits/). */
export const MAX_CPU_MS = 300_000;

export function parseOptions(args: string[], env: NodeJS.ProcessEnv): DeployOptions {
  const value = (flag: string) => {
    const position = args.indexOf(flag);
    if (position === -1) return undefined;
    const next = args[position + 1];
    if (next === undefined || next.startsWith("--")) throw new UserError(`${flag} needs a value.`);
    return next;
  };
  const integer = (flag: string, raw: string | undefined, fallback: number | null) => {
    if (raw === undefined) return fallback;
    if (!/^\d+$/.test(raw) || Number(raw) < 1) {
      throw new UserError(`${flag} must be a positive whole number, got "${raw}".`);
    }
    return Number(raw);
  };
  const known = new Set([
    "--dry-run",
    "--offline",
    "--smart-placement",
    "--placement-region",
    "--pr",
    "--keys-per-worker",
    "--max-bindings",
    "--cpu-ms",
  ]);
  for (const arg of args) {
    if (arg.startsWith("--") && !known.has(arg)) throw new UserError(`Unknown option ${arg}.`);
  }
  const smartPlacement = args.includes("--smart-placement") || env.SMART_PLACEMENT === "true";
  const placementRegion = value("--placement-region") ?? (env.PLACEMENT_REGION?.trim() || null);
  if (placementRegion !== null && !/^(aws|gcp|azure):[a-z0-9-]+$/.test(placementRegion)) {
    throw new UserError(
      `--placement-region (or PLACEMENT_REGION) must be a cloud region such as gcp:us-central1, got "${placementRegion}".`,
    );
  }
  if (placementRegion !== null && smartPlacement) {
    throw new UserError("Choose one: --smart-placement or --placement-region, not both.");
  }
  const cpuMs = integer("--cpu-ms", value("--cpu-ms") ?? (env.CPU_MS?.trim() || undefined), null);
  if (cpuMs !== null && cpuMs > MAX_CPU_MS) {
    throw new UserError(
      `--cpu-ms (or CPU_MS) can be at most ${MAX_CPU_MS} (5 minutes, the paid plan's most), got ${cpuMs}.`,
    );
  }
  return {
    dryRun: args.includes("--dry-run"),
    offline: args.includes("--offline"),
    smartPlacement,
    placementRegion,
    pr: integer("--pr", value("--pr"), null),
    keysPerWorker: integer("--keys-per-worker", value("--keys-per-worker"), 8) ?? 8,
    maxBindings:
      integer(
        "--max-bindings",
        value("--max-bindings") ?? (env.CF_MAX_WORKER_VARS?.trim() || undefined),
        64,
      ) ?? 64,
    cpuMs,
  };
}

/** The keys and PASS from the environment; a missing one is the user's to fix. */
export function readSecrets(
  env: NodeJS.ProcessEnv,
  { needsPass = true } = {},
): {
  keys: KeyEntry[];
  pass: string;
  /** TOKEN_SECRET, the secret per-user tokens are signed with; "" when unset (tokens off). */
  tokenSecret: string;
  warnings: string[];
} {
  const { keys, warnings } = collectKeys(env);
  if (keys.length === 0) {
    throw new UserError("No Gemini keys found: set KEY1, KEY2, … (GitHub secrets or environment).");
  }
  const pass = env.PASS?.trim();
  if (!pass && needsPass)
    throw new UserError(
      "PASS is not set: the workers would refuse every request. Set the PASS secret.",
    );
  const tokenSecret = env.TOKEN_SECRET?.trim() ?? "";
  if (tokenSecret && tokenSecret.length < 32) {
    throw new UserError("TOKEN_SECRET is shorter than 32 characters: use a long random value.");
  }
  return { keys, pass: pass ?? "", tokenSecret, warnings };
}

/**
 * Refuses a cap that cannot hold a worker's secrets and vars: `PASS` and the vars come first,
 * and `keys` more must fit beside them.
 */
export function checkBindings(options: DeployOptions, vars: number, keys: number, worker: string) {
  const others = 1 + vars;
  if (others + keys <= options.maxBindings) return;
  const room = options.maxBindings - others;
  throw new UserError(
    room < 1
      ? `--max-bindings ${options.maxBindings} leaves no room for keys: PASS and ${vars} var(s) already take ${others}.`
      : `${worker} would hold ${keys} keys, PASS and ${vars} var(s), more than --max-bindings ${options.maxBindings}: ` +
          `pass --keys-per-worker ${room} (or fewer), or raise --max-bindings (128 on a paid plan).`,
  );
}

/** Every secret value, for redaction. */
export const secretValues = (keys: readonly KeyEntry[], pass: string, tokenSecret = "") => [
  ...keys.map((key) => key.value),
  pass,
  ...(tokenSecret ? [tokenSecret] : []),
];
