/**
 * Which backends this orchestrator can reach, and how much traffic each should get. Backends are
 * the service bindings `BACKEND_SERVICE_<i>`; each one's weight is the number of Gemini keys it
 * holds (var `BACKEND_WEIGHTS`), so that traffic reaches every key equally, not every backend.
 */

/** A service binding, typed loosely so Node unit tests can pass plain objects. */
export interface Backend {
  fetch(request: Request): Promise<Response>;
}

export interface BackendEntry {
  /** The binding name, e.g. `BACKEND_SERVICE_2`. */
  name: string;
  /** The number in the binding name; names the backend in logs. */
  index: number;
  backend: Backend;
  /** Relative share of traffic: the backend's key count, or 1 when weights are unusable. */
  weight: number;
}

export type Weighting = "keys" | "uniform";

export interface BackendPool {
  backends: BackendEntry[];
  /** "keys" when BACKEND_WEIGHTS covered every backend, otherwise "uniform". */
  weighting: Weighting;
  /** Why the weights were not used, if they were not. */
  warning: string | null;
}

const BACKEND_NAME = /^BACKEND_SERVICE_(\d+)$/;

function isBackend(value: unknown): value is Backend {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as { fetch?: unknown }).fetch === "function"
  );
}

/** Every `BACKEND_SERVICE_<i>` binding with a `fetch` method, ordered by i (numerically). */
export function discoverBackends(env: Record<string, unknown>): Omit<BackendEntry, "weight">[] {
  const found: Omit<BackendEntry, "weight">[] = [];
  for (const [name, value] of Object.entries(env)) {
    const match = BACKEND_NAME.exec(name);
    if (!match?.[1] || !isBackend(value)) continue;
    found.push({ name, index: Number(match[1]), backend: value });
  }
  return found.sort((a, b) => a.index - b.index);
}

export type ParsedWeights =
  | { ok: true; weights: Record<string, number> }
  | { ok: false; reason: string };

/**
 * Parses `BACKEND_WEIGHTS`: a JSON object mapping binding name → key count. Every value must be a
 * positive finite number; anything else makes the whole map unusable.
 */
export function parseWeights(raw: unknown): ParsedWeights {
  if (raw === undefined || raw === null || raw === "") {
    return { ok: false, reason: "BACKEND_WEIGHTS is not set" };
  }
  let parsed: unknown = raw;
  if (typeof raw === "string") {
    try {
      parsed = JSON.parse(raw);
    } catch {
      return { ok: false, reason: "BACKEND_WEIGHTS is not valid JSON" };
    }
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    return { ok: false, reason: "BACKEND_WEIGHTS is not a JSON object" };
  }
  const weights: Record<string, number> = {};
  for (const [name, value] of Object.entries(parsed)) {
    if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) {
      return { ok: false, reason: `BACKEND_WEIGHTS["${name}"] is not a positive number` };
    }
    weights[name] = value;
  }
  return { ok: true, weights };
}

/**
 * The backends with their weights. Weights apply only when BACKEND_WEIGHTS names every discovered
 * backend; otherwise (unset, invalid, or stale next to the bindings) every backend weighs 1.
 */
export function resolveBackends(env: Record<string, unknown>): BackendPool {
  const discovered = discoverBackends(env);
  const parsed = parseWeights(env.BACKEND_WEIGHTS);
  const uniform = (warning: string | null): BackendPool => ({
    backends: discovered.map((entry) => ({ ...entry, weight: 1 })),
    weighting: "uniform",
    warning,
  });
  if (!parsed.ok) {
    // Unset weights are normal for a single backend; only a broken value deserves a warning.
    const unset = env.BACKEND_WEIGHTS === undefined || env.BACKEND_WEIGHTS === "";
    return uniform(unset ? null : `${parsed.reason}; choosing backends uniformly`);
  }
  const missing = discovered.filter((entry) => parsed.weights[entry.name] === undefined);
  if (missing.length > 0) {
    const names = missing.map((entry) => entry.name).join(", ");
    return uniform(`BACKEND_WEIGHTS has no entry for ${names}; choosing backends uniformly`);
  }
  return {
    backends: discovered.map((entry) => ({ ...entry, weight: parsed.weights[entry.name] ?? 1 })),
    weighting: "keys",
    warning: null,
  };
}
