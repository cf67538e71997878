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

/**
 * On a backend's error answer: the resource the request names belongs to the key with this print,
 * which this backend does not hold — or `unknown` when no key here owns an untagged name. The
 * orchestrator then sends the request to the backend holding that key (BACKEND_KEYS), or to the
 * other backends in turn; when none holds it, this answer (saying why) is the client's.
 */
export const OWNER_HEADER = "x-zen-key-owner";

/**
 * Orchestrator → backend on a merged listing (files, cached contents): the print of the first key
 * of the next backend, where the listing goes on once this backend's keys are done.
 */
export const LIST_NEXT_HEADER = "x-zen-list-next";

/**
 * Backend → orchestrator: this backend's keys listed nothing more; the listing goes on with this
 * page token (naming the next backend's first key), which the orchestrator follows itself — an
 * empty page with a token would end @google/genai's pager early.
 */
export const LIST_CONTINUE_HEADER = "x-zen-list-continue";

/**
 * Backend → orchestrator on a page whose next page lies on the next backend, which may have
 * nothing to list: the orchestrator asks it first (with this token), and when nothing is there it
 * asks for this page again without LIST_NEXT_HEADER, so the page comes without a next-page token.
 * (@google/genai's pager yields `undefined` for an empty page that follows a token.)
 */
export const LIST_VERIFY_HEADER = "x-zen-list-verify";

/** Backend → orchestrator: this listing page is empty (so the orchestrator need not read it). */
export const LIST_EMPTY_HEADER = "x-zen-list-empty";

/**
 * The orchestrator's variable naming each backend's keys by print, in key order:
 * `{"BACKEND_SERVICE_0":["a1b2c3d4",…],…}`, written by the deploy tooling next to BACKEND_WEIGHTS.
 * Prints are not secret (common/key-fingerprint.ts keyPrint).
 */
export const BACKEND_KEYS_VAR = "BACKEND_KEYS";

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
  /** Its slot in this backend: `KEY<index>`. */
  index: number;
  fingerprint: string;
  /**
   * The variable the user set it in (e.g. `KEY10`), from the backend's KEY_NAMES; absent when the
   * backend was not told (then only its slot names it).
   */
  name?: string;
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

/** A model a backend isolate saw answer for another id, or in a lifecycle stage (LEGACY, DEPRECATED, RETIRED). */
export interface ModelStatusEntry {
  asked: string;
  served?: string;
  stage?: string;
  retirementTime?: string;
  message?: string;
  /** ISO 8601. */
  lastSeen: string;
  count: number;
}

export interface BackendStatus {
  keys: KeyStatusEntry[];
  /** What this isolate has seen (at most MAX_MODEL_SIGHTINGS, most recent first); absent from older backends. */
  models?: ModelStatusEntry[];
}
