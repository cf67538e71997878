/**
 * What a Gemini error body (`google.rpc.Status` in JSON) says, read once: its `details[]` entries
 * (`ErrorInfo.reason`, `QuotaFailure.violations`, `RetryInfo.retryDelay`) and the retry hint in
 * its message. Tolerant of anything missing or mistyped: Google sends several shapes.
 */
export interface QuotaViolation {
  quotaId: string;
  /** The limit, as Google sends it (a string of digits), when it sent one. */
  quotaValue: string | null;
}

export interface GeminiErrorDetails {
  message: string | null;
  status: string | null;
  /** `ErrorInfo.reason`, e.g. API_KEY_INVALID, CONSUMER_SUSPENDED. */
  reasons: string[];
  violations: QuotaViolation[];
  /** `RetryInfo.retryDelay` in seconds. */
  retryDelaySeconds: number | null;
  /** "Please retry in 36.4s." / "… 856.5ms." from the message, in seconds. */
  messageRetrySeconds: number | null;
  /** The message names a limit of zero ("limit: 0"), or a violation's quotaValue is "0". */
  limitZero: boolean;
  /** How many entries `details[]` held. */
  detailCount: number;
}

type Entry = Record<string, unknown>;

const isEntry = (value: unknown): value is Entry => typeof value === "object" && value !== null;
const text = (value: unknown) => (typeof value === "string" ? value : null);

export function readErrorDetails(body: unknown): GeminiErrorDetails {
  const error = isEntry(body) && isEntry(body.error) ? body.error : {};
  const details = Array.isArray(error.details) ? error.details.filter(isEntry) : [];
  const message = text(error.message);
  const reasons: string[] = [];
  const violations: QuotaViolation[] = [];
  let retryDelaySeconds: number | null = null;
  for (const detail of details) {
    const reason = text(detail.reason);
    if (reason) reasons.push(reason);
    if (retryDelaySeconds === null) retryDelaySeconds = parseDuration(text(detail.retryDelay));
    if (!Array.isArray(detail.violations)) continue;
    for (const violation of detail.violations.filter(isEntry)) {
      const quotaId = text(violation.quotaId);
      if (quotaId) violations.push({ quotaId, quotaValue: text(violation.quotaValue) });
    }
  }
  const retryMatch = message ? /Please retry in ([0-9.]+(?:ms|s))/.exec(message) : null;
  return {
    message,
    // The Interactions API names its error by a string `code` (`invalid_request`,
    // `rate_limit_exceeded`, …: common/interactions-error.ts) where google.rpc has `status`.
    status: text(error.status) ?? text(error.code),
    reasons,
    violations,
    retryDelaySeconds,
    messageRetrySeconds: parseDuration(retryMatch?.[1] ?? null),
    limitZero:
      (message !== null && /limit:\s*0(?!\d|\.\d)/.test(message)) ||
      violations.some((violation) => violation.quotaValue === "0"),
    detailCount: details.length,
  };
}

/** A protobuf Duration in JSON (`"36s"`, `"1.5s"`) or a message's `856.5ms`, in seconds. */
export function parseDuration(value: string | null): number | null {
  const match = value ? /^(\d+(?:\.\d+)?)(ms|s)$/.exec(value.trim()) : null;
  if (!match?.[1]) return null;
  const amount = Number(match[1]);
  return match[2] === "ms" ? amount / 1000 : amount;
}
