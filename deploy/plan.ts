import { keyPrintOf, shortHash } from "./fingerprint.ts";

/**
 * The sharding plan: which keys go to which backend. Pure, deterministic, and the single source
 * of truth for `npm start`, the deploy command and the tests — nothing else computes shards.
 */
export interface KeyEntry {
  /** The variable the key came from, e.g. `KEY7`. */
  sourceName: string;
  value: string;
}

export interface BackendPlan {
  index: number;
  /** Worker name, `zen-ai-router-worker-<i>`. */
  name: string;
  /** The orchestrator's service binding, `BACKEND_SERVICE_<i>`. */
  binding: string;
  /** In order; deployed renamed to `KEY1..KEYk`. */
  keys: KeyEntry[];
}

export interface DeployPlan {
  backends: BackendPlan[];
  orchestratorName: string;
  keysPerWorker: number;
  totalKeys: number;
}

export interface PlanOptions {
  keysPerWorker?: number;
  prefix?: string;
  orchestratorName?: string;
}

export const DEFAULT_KEYS_PER_WORKER = 8;
export const DEFAULT_PREFIX = "zen-ai-router-worker";
export const DEFAULT_ORCHESTRATOR_NAME = "router-orchestrator";

/**
 * `KEY1..KEY<max>` from an environment, in numeric order. Gaps and empty values are skipped; a
 * value seen before is dropped with a warning that names the variables, never the value.
 */
export function collectKeys(
  env: Record<string, string | undefined>,
  max = 100,
): { keys: KeyEntry[]; warnings: string[] } {
  const keys: KeyEntry[] = [];
  const warnings: string[] = [];
  const firstSeen = new Map<string, string>();
  for (let number = 1; number <= max; number++) {
    const sourceName = `KEY${number}`;
    const value = env[sourceName]?.trim();
    if (!value) continue;
    const earlier = firstSeen.get(value);
    if (earlier) {
      warnings.push(`${sourceName} holds the same key as ${earlier}; it is used once.`);
      continue;
    }
    firstSeen.set(value, sourceName);
    keys.push({ sourceName, value });
  }
  return { keys, warnings };
}

/**
 * `ceil(n / keysPerWorker)` backends with shard sizes that differ by at most one (17 keys over
 * 8 per worker → 6, 6, 5), every key in exactly one shard, in order.
 */
export function planShards(keys: readonly KeyEntry[], options: PlanOptions = {}): DeployPlan {
  const keysPerWorker = options.keysPerWorker ?? DEFAULT_KEYS_PER_WORKER;
  if (!Number.isInteger(keysPerWorker) || keysPerWorker < 1) {
    throw new RangeError(`keysPerWorker must be a positive integer, got ${keysPerWorker}.`);
  }
  const prefix = options.prefix ?? DEFAULT_PREFIX;
  const count = Math.ceil(keys.length / keysPerWorker);
  const base = Math.floor(keys.length / Math.max(count, 1));
  const larger = keys.length - base * count;
  const backends: BackendPlan[] = [];
  let offset = 0;
  for (let index = 0; index < count; index++) {
    const size = base + (index < larger ? 1 : 0);
    backends.push({
      index,
      name: `${prefix}-${index}`,
      binding: `BACKEND_SERVICE_${index}`,
      keys: keys.slice(offset, offset + size),
    });
    offset += size;
  }
  return {
    backends,
    orchestratorName: options.orchestratorName ?? DEFAULT_ORCHESTRATOR_NAME,
    keysPerWorker,
    totalKeys: keys.length,
  };
}

/**
 * A backend's secrets as deployed: its keys renamed `KEY1..KEYk`, plus `PASS` and `TOKEN_SECRET`
 * when set.
 */
export function backendSecrets(
  backend: Pick<BackendPlan, "keys">,
  pass: string | undefined,
  tokenSecret?: string,
): Record<string, string> {
  const secrets: Record<string, string> = {};
  backend.keys.forEach((key, position) => {
    secrets[`KEY${position + 1}`] = key.value;
  });
  if (pass) secrets.PASS = pass;
  if (tokenSecret) secrets.TOKEN_SECRET = tokenSecret;
  return secrets;
}

/** The orchestrator's `BACKEND_WEIGHTS`: each binding's key count. */
export function backendWeights(plan: DeployPlan): Record<string, number> {
  return Object.fromEntries(plan.backends.map((backend) => [backend.binding, backend.keys.length]));
}

/**
 * The orchestrator's `BACKEND_KEYS`: each binding's keys by print (8 hex digits of SHA-256, not
 * secret), in key order — how it sends a request naming a tagged resource to the backend holding
 * the key that made it, wherever re-sharding moved that key.
 */
export function backendKeyPrints(plan: DeployPlan): Record<string, string[]> {
  return Object.fromEntries(
    plan.backends.map((backend) => [
      backend.binding,
      backend.keys.map((key) => keyPrintOf(key.value)),
    ]),
  );
}

/**
 * A backend's `KEY_NAMES`: `{"<fingerprint>": "KEY10", …}` — the variable each of its keys came
 * from, by the 6-hex-digit fingerprint its status and logs show (never the key), so they can name
 * a key as the user knows it rather than by its `KEY1..KEYk` slot. Not secret: a plain var.
 */
export function backendKeyNames(keys: readonly Pick<KeyEntry, "sourceName" | "value">[]): string {
  return JSON.stringify(
    Object.fromEntries(keys.map((key) => [shortHash(key.value), key.sourceName])),
  );
}
