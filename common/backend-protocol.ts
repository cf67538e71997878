/**
 * What a backend and the orchestrator tell each other in headers, beside the client's request
 * and the backend's answer. Never shown to clients: the orchestrator sets the request headers
 * itself (overwriting anything a client sent) and strips the response headers.
 */

/**
 * On a backend's error answer: `another-backend` when another backend (other keys, another
 * location) may serve the request, `no` when it would fail the same way there. Decided once, by
 * the backend; the orchestrator follows it.
 */
export const FAILOVER_HEADER = "x-zen-failover";
export type FailoverVerdict = "another-backend" | "no";

/**
 * "Model overloaded" (503) answers already spent on this request in the whole topology: sent by
 * the orchestrator to each backend, answered by the backend with the new total.
 */
export const OVERLOADED_CALLS_HEADER = "x-zen-overloaded-calls";

/** At most this many upstream calls per client request may be answered "model overloaded". */
export const OVERLOADED_BUDGET = 2;

/** Reads a count header defensively: anything but a small non-negative integer counts as 0. */
export function readCount(value: string | null | undefined): number {
  const count = Number(value ?? "0");
  return Number.isInteger(count) && count >= 0 && count <= 1000 ? count : 0;
}

/**
 * The backend's internal status route, reached only through a service binding: the orchestrator
 * calls `http://backend.internal/_internal/status` (a host no public request can carry — Cloudflare
 * routes public requests by their real host name), with the client's PASS.
 */
export const INTERNAL_STATUS_URL = "http://backend.internal/_internal/status";
export const INTERNAL_HOST = "backend.internal";

/** One key as a backend's status route describes it: index and short fingerprint, never the key. */
export interface KeyStatusEntry {
  index: number;
  fingerprint: string;
  state: "healthy" | "parked" | "invalid" | "suspended" | "unknown";
  /** Why it is parked (a park reason such as daily_quota_exhausted, or permission_denied). */
  reason: string | null;
  /** The model it is parked for; null for a park of the whole key. */
  model: string | null;
  /** When the park ends (ISO 8601); null when not parked. */
  until: string | null;
  /** Every live park, when there is more than one (per model). */
  parks?: { reason: string; model: string | null; until: string }[];
  /** What the live probe (`?probe=1`) answered, when one ran. */
  probe?: { status: string; message: string };
}

export interface BackendStatus {
  keys: KeyStatusEntry[];
}
