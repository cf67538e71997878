import { ApiError } from "../../common/api-error.ts";
import { redactSecrets } from "../../common/key-fingerprint.ts";

/** Why an upstream call failed, decided once here; the key pool only reads `retry`. */
export type RetryKind =
  /** The client's fault (bad request): return at once, never try another key. */
  | "never"
  /** This key cannot serve (rate-limited, invalid, suspended) or the call broke: try another key. */
  | "other-key"
  /** The model is overloaded: another key may help, but only a bounded number of times. */
  | "overloaded";

export class UpstreamError extends Error {
  readonly status: number;
  readonly geminiStatus: string | null;
  readonly retry: RetryKind;
  /** Seconds from Gemini's RetryInfo, when it sent one. */
  readonly retryAfterSeconds: number | null;
  /** True when the key itself was refused (invalid, expired, suspended). */
  readonly keyRejected: boolean;

  constructor(init: {
    status: number;
    message: string;
    geminiStatus?: string | null;
    retry: RetryKind;
    retryAfterSeconds?: number | null;
    keyRejected?: boolean;
  }) {
    super(init.message);
    this.name = "UpstreamError";
    this.status = init.status;
    this.geminiStatus = init.geminiStatus ?? null;
    this.retry = init.retry;
    this.retryAfterSeconds = init.retryAfterSeconds ?? null;
    this.keyRejected = init.keyRejected ?? false;
  }
}

interface GeminiErrorBody {
  error?: {
    code?: number;
    message?: string;
    status?: string;
    details?: Array<{ "@type"?: string; reason?: string; retryDelay?: string }>;
  };
}

const KEY_REJECTED_REASONS = new Set([
  "API_KEY_INVALID",
  "API_KEY_EXPIRED",
  "API_KEY_SERVICE_BLOCKED",
]);

/**
 * Turns Gemini's error JSON (`{"error":{"code","message","status","details"}}`) into an
 * UpstreamError. Every secret is redacted from the message before it can reach a log or a client.
 */
export function fromGeminiError(status: number, body: unknown, secrets: readonly string[]) {
  const error = (body as GeminiErrorBody | null)?.error;
  const details = Array.isArray(error?.details) ? error.details : [];
  const reason = details.find((detail) => typeof detail?.reason === "string")?.reason;
  const retryDelay = details.find((detail) => typeof detail?.retryDelay === "string")?.retryDelay;
  const rawMessage =
    typeof error?.message === "string" ? error.message : `Gemini answered ${status}.`;
  const message = redactSecrets(rawMessage, secrets);
  const keyRejected =
    (reason !== undefined && KEY_REJECTED_REASONS.has(reason)) ||
    status === 401 ||
    (status === 403 && !/not have permission to access (tuned|cached)/i.test(message));
  return new UpstreamError({
    status,
    message,
    geminiStatus: typeof error?.status === "string" ? error.status : null,
    retry: retryKind(status, keyRejected),
    retryAfterSeconds: parseRetryDelay(retryDelay),
    keyRejected,
  });
}

function retryKind(status: number, keyRejected: boolean): RetryKind {
  if (keyRejected || status === 429 || status === 500 || status === 504) return "other-key";
  if (status === 503) return "overloaded";
  return "never";
}

/** `"7s"` / `"1.5s"` → seconds. */
function parseRetryDelay(value: string | undefined): number | null {
  const match = value ? /^(\d+(?:\.\d+)?)s$/.exec(value) : null;
  return match?.[1] ? Number(match[1]) : null;
}

export const connectionFailed = (reason: string) =>
  new UpstreamError({
    status: 502,
    message: `Could not reach Gemini: ${reason}`,
    retry: "other-key",
  });

const MAX_RETRY_AFTER_SECONDS = 60;

/** What the client sees once no key is left to try. */
export function toClientError(
  error: UpstreamError,
  keysTried: number,
  retryAfterSeconds: number | null = error.retryAfterSeconds,
): ApiError {
  if (error.keyRejected) {
    // Not the client's fault: the gateway's keys are bad. 502 also lets the orchestrator try
    // another backend, whose keys may be fine.
    return new ApiError(
      502,
      `Gemini rejected the API key (${keysTried} key${keysTried === 1 ? "" : "s"} tried): ${error.message}`,
      { type: "api_error", code: "upstream_key_rejected" },
    );
  }
  const headers: Record<string, string> = {};
  if (error.status === 429) {
    const seconds = Math.min(Math.ceil(retryAfterSeconds ?? 1), MAX_RETRY_AFTER_SECONDS);
    headers["retry-after"] = String(seconds);
  }
  const prefix = error.retry === "never" ? "" : `All ${keysTried} Gemini key(s) failed; last: `;
  return new ApiError(error.status, `${prefix}${error.message}`, {
    code: error.geminiStatus?.toLowerCase() ?? null,
    headers,
  });
}
