import { redactSecrets } from "../../common/key-fingerprint.ts";
import { type GeminiErrorDetails, readErrorDetails } from "./error-details.ts";
import { type KnownRefusal, knownRefusal } from "./known-refusals.ts";

/**
 * Why an upstream call failed, decided once here (in gemini-cli's order for quota errors); the
 * key pool and everything after it only read it.
 */
export type UpstreamFault =
  /** The request's own fault (bad field, unknown model): no other key would do better. */
  | "client"
  /** A per-minute limit (requests or input tokens): this key and model may work again after the delay. */
  | "rate-limited"
  /** A per-day limit: this key and model are done until midnight Pacific time. */
  | "daily-quota"
  /** `limit: 0`: this key's project has no quota at all for this model. */
  | "no-quota"
  /** A 429 with nothing to say why ("Resource has been exhausted (e.g. check quota)."). */
  | "quota-unspecified"
  /** The key itself was refused: invalid, expired, suspended, no permission. */
  | "key-rejected"
  /** 503: the model is overloaded. Another key may help, within a small budget. */
  | "overloaded"
  /** 500/504, a cut connection: the service's trouble, never the key's. */
  | "server"
  /** 400 FAILED_PRECONDITION "User location is not supported": where this worker runs, not the key. */
  | "location";

/** The faults that are about a key's quota (the key was accepted but may not spend now). */
export const QUOTA_FAULTS: ReadonlySet<UpstreamFault> = new Set([
  "rate-limited",
  "daily-quota",
  "no-quota",
  "quota-unspecified",
]);

/** What the pool may do next, derived from the fault. */
export type RetryKind = "never" | "other-key" | "overloaded";

export class UpstreamError extends Error {
  readonly status: number;
  readonly geminiStatus: string | null;
  readonly fault: UpstreamFault;
  /** Seconds Gemini asked to wait (RetryInfo, else the message's "Please retry in …"). */
  readonly retryAfterSeconds: number | null;
  /** The quota ids of the body's QuotaFailure violations, for logs. */
  readonly quotaIds: readonly string[];
  /** `ErrorInfo.reason`s of the body (API_KEY_INVALID, CONSUMER_SUSPENDED, SERVICE_DISABLED, …). */
  readonly reasons: readonly string[];
  /**
   * The client's 400 is one of Gemini's known refusals of a setting for this model
   * (known-refusals.ts): the one client error the pool corrects and retries, once.
   */
  readonly refusal: KnownRefusal | null;

  constructor(init: {
    status: number;
    message: string;
    fault: UpstreamFault;
    geminiStatus?: string | null;
    retryAfterSeconds?: number | null;
    quotaIds?: readonly string[];
    reasons?: readonly string[];
    refusal?: KnownRefusal | null;
  }) {
    super(init.message);
    this.name = "UpstreamError";
    this.status = init.status;
    this.fault = init.fault;
    this.geminiStatus = init.geminiStatus ?? null;
    this.retryAfterSeconds = init.retryAfterSeconds ?? null;
    this.quotaIds = init.quotaIds ?? [];
    this.reasons = init.reasons ?? [];
    this.refusal = init.refusal ?? null;
  }

  /** Whether another key of this worker may help. */
  get retry(): RetryKind {
    if (this.fault === "client" || this.fault === "location") return "never";
    return this.fault === "overloaded" ? "overloaded" : "other-key";
  }

  get keyRejected(): boolean {
    return this.fault === "key-rejected";
  }

  /**
   * For a rejected key, what is wrong with it: invalid (API_KEY_INVALID / EXPIRED, or 400/401),
   * suspended (CONSUMER_SUSPENDED, or Google's "has been suspended" text), or no permission (API
   * not enabled, a restricted key, 403 PERMISSION_DENIED). Null for every other fault.
   */
  get keyProblem(): KeyProblem | null {
    if (this.fault !== "key-rejected") return null;
    const has = (...names: string[]) => names.some((name) => this.reasons.includes(name));
    if (has("CONSUMER_SUSPENDED") || /has been suspended/i.test(this.message)) return "suspended";
    if (has("API_KEY_INVALID", "API_KEY_EXPIRED", "CONSUMER_INVALID")) return "invalid";
    if (this.status === 400 || this.status === 401) return "invalid";
    return "permission_denied";
  }
}

export type KeyProblem = "invalid" | "suspended" | "permission_denied";

const KEY_REJECTED_REASONS = new Set([
  "API_KEY_INVALID",
  "API_KEY_EXPIRED",
  "API_KEY_SERVICE_BLOCKED",
  "CONSUMER_SUSPENDED",
  "CONSUMER_INVALID",
  "SERVICE_DISABLED",
]);

/**
 * Turns Gemini's error JSON (`{"error":{"code","message","status","details"}}`) into an
 * UpstreamError. Every secret is redacted from the message before it can reach a log or a client.
 */
export function fromGeminiError(status: number, body: unknown, secrets: readonly string[]) {
  const details = readErrorDetails(body);
  const message = redactSecrets(details.message ?? `Gemini answered ${status}.`, secrets);
  const { fault, retryAfterSeconds } = classify(status, details, message);
  return new UpstreamError({
    status,
    message,
    fault,
    geminiStatus: details.status,
    retryAfterSeconds,
    quotaIds: details.violations.map((violation) => violation.quotaId),
    reasons: details.reasons,
    refusal: fault === "client" ? knownRefusal(status, message) : null,
  });
}

/**
 * A 403 about one resource rather than the key: the resource belongs to another project, or is
 * gone. Google words them "You do not have permission to access the File {id} or it may not
 * exist." (google-gemini/deprecated-generative-ai-python#692, #617) and "CachedContent not found
 * (or permission denied)" (a recorded probe of 2026-09-07, third party). The key is fine.
 */
const RESOURCE_NOT_VISIBLE =
  /not have permission to access (tuned|cached|the file)|CachedContent not found \(or permission denied\)/i;

interface Classification {
  fault: UpstreamFault;
  retryAfterSeconds: number | null;
}

/**
 * The order matters and follows gemini-cli (packages/core/src/utils/googleQuotaErrors.ts):
 * `limit: 0` → no quota at all; a PerDay/Daily quota id → terminal for the day whatever
 * `retryDelay` says; then RetryInfo (gemini-cli calls a delay over 300 s terminal; the pool
 * simply parks the key that long); a PerMinute quota id → wait a minute; the message's
 * "Please retry in X" as a fallback; a 429 with none of these is a bare 429.
 */
function classify(status: number, details: GeminiErrorDetails, message: string): Classification {
  // Google rounds RetryInfo down to whole seconds ("36s" where the message says "Please retry in
  // 36.4s", "0s" where it says 0.8s): the larger of the two is the honest wait.
  const hint =
    details.retryDelaySeconds === null && details.messageRetrySeconds === null
      ? null
      : Math.max(details.retryDelaySeconds ?? 0, details.messageRetrySeconds ?? 0);
  const result = (fault: UpstreamFault, retryAfterSeconds: number | null = null) => ({
    fault,
    retryAfterSeconds,
  });
  if (status === 400 && /location is not supported/i.test(message)) return result("location");
  if (
    details.reasons.some((reason) => KEY_REJECTED_REASONS.has(reason)) ||
    status === 401 ||
    (status === 403 && !RESOURCE_NOT_VISIBLE.test(message))
  ) {
    return result("key-rejected");
  }
  if (status === 429) {
    if (details.limitZero) return result("no-quota", hint);
    // The Interactions API's daily quota (`quota_exceeded`, docs/api-errors).
    if (details.status === "quota_exceeded") return result("daily-quota", hint);
    const ids = details.violations.map((violation) => violation.quotaId);
    if (ids.some((id) => id.includes("PerDay") || id.includes("Daily"))) {
      return result("daily-quota", hint);
    }
    if (details.retryDelaySeconds !== null) return result("rate-limited", hint);
    if (ids.some((id) => id.includes("PerMinute"))) return result("rate-limited", null);
    if (details.messageRetrySeconds !== null) {
      return result("rate-limited", details.messageRetrySeconds);
    }
    return result("quota-unspecified");
  }
  if (status === 503) return result("overloaded", hint);
  if (status === 500 || status === 502 || status === 504) return result("server");
  return result("client");
}

export const connectionFailed = (reason: string) =>
  new UpstreamError({
    status: 502,
    message: `Could not reach Gemini: ${reason}`,
    fault: "server",
  });
