import { collectKeys, type KeyEntry } from "./plan.ts";
import { UserError } from "./user-error.ts";

export interface DeployOptions {
  dryRun: boolean;
  offline: boolean;
  smartPlacement: boolean;
  pr: number | null;
  keysPerWorker: number;
  /** Cloudflare's cap on env vars + secrets per Worker: 64 on the free plan, 128 on paid. */
  maxBindings: number;
}

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
    "--pr",
    "--keys-per-worker",
    "--max-bindings",
  ]);
  for (const arg of args) {
    if (arg.startsWith("--") && !known.has(arg)) throw new UserError(`Unknown option ${arg}.`);
  }
  return {
    dryRun: args.includes("--dry-run"),
    offline: args.includes("--offline"),
    smartPlacement: args.includes("--smart-placement") || env.SMART_PLACEMENT === "true",
    pr: integer("--pr", value("--pr"), null),
    keysPerWorker: integer("--keys-per-worker", value("--keys-per-worker"), 8) ?? 8,
    maxBindings:
      integer("--max-bindings", value("--max-bindings") ?? env.CF_MAX_WORKER_VARS, 64) ?? 64,
  };
}

/** The keys and PASS from the environment; a missing one is the user's to fix. */
export function readSecrets(
  env: NodeJS.ProcessEnv,
  { needsPass = true } = {},
): {
  keys: KeyEntry[];
  pass: string;
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
  return { keys, pass: pass ?? "", warnings };
}

/** Every secret value, for redaction. */
export const secretValues = (keys: readonly KeyEntry[], pass: string) => [
  ...keys.map((key) => key.value),
  pass,
];
