/** The emulator's quota mode: keys grouped into projects, limits per project and model. */

/** Limits of one project for one model; 0 means the model has no quota at all (`limit: 0`). */
export interface ModelLimits {
  /** Requests per minute. */
  rpm?: number;
  /** Requests per day (the day ends at midnight America/Los_Angeles). */
  rpd?: number;
  /** Input tokens per minute (estimated as a quarter of the request body's length). */
  tpm?: number;
}

export interface QuotaProject {
  /** Shown in suspension bodies as `projects/<number>`, e.g. "101". */
  number: string;
  keys: string[];
  /** Per model id (e.g. "gemini-2.5-pro"); models not listed use `defaultLimits`. */
  limits?: Record<string, ModelLimits>;
}

/** How a key is refused before any quota is looked at, with Google's exact bodies. */
export type KeyRefusal = "invalid" | "suspended" | "location" | "service-disabled";

export interface QuotaOptions {
  projects: QuotaProject[];
  /** Limits for a model a project does not list (default: none, i.e. unlimited). */
  defaultLimits?: ModelLimits;
  /** Milliseconds since the epoch; tests pass a clock they move. Default Date.now. */
  now?: () => number;
  /** Quota ids without `-FreeTier` (a paid project). */
  paidTier?: boolean;
  /** Keys whose 429s carry no details at all ("Resource has been exhausted (e.g. check quota)."). */
  bareKeys?: string[];
  /**
   * Keys refused outright: API_KEY_INVALID, CONSUMER_SUSPENDED, the caller's location, or the
   * Generative Language API not enabled for the key's project (SERVICE_DISABLED).
   */
  refusals?: Record<string, KeyRefusal>;
}

/** One answer of the quota mode, for tests and the benchmark to count. */
export interface QuotaEvent {
  key: string;
  model: string;
  time: number;
  /** "ok" (admitted), or why it was refused. */
  outcome: "ok" | "rpm" | "rpd" | "tpm" | "limit-0" | "bare" | KeyRefusal;
}
