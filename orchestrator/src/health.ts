import type { BackendPool } from "./backends.ts";

export interface HealthReport {
  status: "ok";
  backends: number;
  /** Binding name → weight in use (the backend's key count, or 1 each when uniform). */
  weights: Record<string, number>;
}

/**
 * `GET /health`, without auth: liveness and counts only — how many backends, each with its
 * weight. Never key material, nor how the worker is configured (whether PASS is set, why weights
 * were not used: that goes to the log).
 */
export function healthReport(pool: BackendPool): HealthReport {
  return {
    status: "ok",
    backends: pool.backends.length,
    weights: Object.fromEntries(pool.backends.map((entry) => [entry.name, entry.weight])),
  };
}
