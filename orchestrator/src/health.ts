import type { BackendPool } from "./backends.ts";

export interface HealthReport {
  status: "ok";
  backends: number;
  /** Binding name → weight in use (the backend's key count, or 1 each when uniform). */
  weights: Record<string, number>;
  weighting: BackendPool["weighting"];
  passConfigured: boolean;
}

/** `GET /health`, without auth: how many backends, weighted how. Never key material. */
export function healthReport(pool: BackendPool, env: Record<string, unknown>): HealthReport {
  return {
    status: "ok",
    backends: pool.backends.length,
    weights: Object.fromEntries(pool.backends.map((entry) => [entry.name, entry.weight])),
    weighting: pool.weighting,
    passConfigured: typeof env.PASS === "string" && env.PASS !== "",
  };
}
