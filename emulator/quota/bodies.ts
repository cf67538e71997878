import { GeminiError } from "../errors.ts";

/**
 * Google's quota and refusal bodies, shaped like the captured ones in
 * test/fixtures/gemini-errors/ (see the README there for their sources).
 */

const SERVICE = "generativelanguage.googleapis.com";
const RATE_LIMITS_URL = "https://ai.google.dev/gemini-api/docs/rate-limits";

export type QuotaKind = "rpm" | "rpd" | "tpm";

export interface Violation {
  kind: QuotaKind;
  model: string;
  /** The limit; 0 for a model without quota. */
  limit: number;
}

const METRIC: Record<QuotaKind, string> = {
  rpm: `${SERVICE}/generate_content_free_tier_requests`,
  rpd: `${SERVICE}/generate_content_free_tier_requests`,
  tpm: `${SERVICE}/generate_content_free_tier_input_token_count`,
};

const QUOTA_ID: Record<QuotaKind, string> = {
  rpm: "GenerateRequestsPerMinutePerProjectPerModel",
  rpd: "GenerateRequestsPerDayPerProjectPerModel",
  tpm: "GenerateContentInputTokensPerModelPerMinute",
};

/**
 * A 429 RESOURCE_EXHAUSTED with a QuotaFailure listing every violation, Help and RetryInfo, and
 * today's message format ("* Quota exceeded for metric: …, limit: N, model: M" per violation,
 * then "Please retry in 36.412345678s."). A per-day exhaustion carries the same short delay:
 * only the quotaId tells it apart. `limit: 0` bodies omit quotaValue, as Google's do.
 */
export function quotaExceeded(
  violations: readonly Violation[],
  retrySeconds: number,
  paidTier: boolean,
): GeminiError {
  const lines = violations
    .map(
      (violation) =>
        `* Quota exceeded for metric: ${METRIC[violation.kind]}, limit: ${violation.limit}, model: ${violation.model}\n`,
    )
    .join("");
  const message = `You exceeded your current quota, please check your plan and billing details. For more information on this error, head to: ${RATE_LIMITS_URL}. To monitor your current usage, head to: https://ai.dev/rate-limit. \n${lines}Please retry in ${retrySeconds.toFixed(9)}s.`;
  const suffix = paidTier ? "" : "-FreeTier";
  return new GeminiError(429, "RESOURCE_EXHAUSTED", message, [
    {
      "@type": "type.googleapis.com/google.rpc.Help",
      links: [{ description: "Learn more about Gemini API quotas", url: RATE_LIMITS_URL }],
    },
    {
      "@type": "type.googleapis.com/google.rpc.QuotaFailure",
      violations: violations.map((violation) => ({
        quotaMetric: METRIC[violation.kind],
        quotaId: `${QUOTA_ID[violation.kind]}${suffix}`,
        quotaDimensions: { location: "global", model: violation.model },
        ...(violation.limit === 0 ? {} : { quotaValue: String(violation.limit) }),
      })),
    },
    {
      "@type": "type.googleapis.com/google.rpc.RetryInfo",
      retryDelay: `${Math.floor(retrySeconds)}s`,
    },
  ]);
}

/** The 429 with no details at all. */
export const bareExhausted = () =>
  new GeminiError(429, "RESOURCE_EXHAUSTED", "Resource has been exhausted (e.g. check quota).");

export const keyInvalid = () =>
  new GeminiError(400, "INVALID_ARGUMENT", "API key not valid. Please pass a valid API key.", [
    {
      "@type": "type.googleapis.com/google.rpc.ErrorInfo",
      reason: "API_KEY_INVALID",
      domain: "googleapis.com",
      metadata: { service: SERVICE },
    },
    {
      "@type": "type.googleapis.com/google.rpc.LocalizedMessage",
      locale: "en-US",
      message: "API key not valid. Please pass a valid API key.",
    },
  ]);

/** Google puts the key itself in this message; the gateway must redact it. */
export const consumerSuspended = (key: string, projectNumber: string) =>
  new GeminiError(
    403,
    "PERMISSION_DENIED",
    `Permission denied: Consumer 'api_key:${key}' has been suspended.`,
    [
      {
        "@type": "type.googleapis.com/google.rpc.ErrorInfo",
        reason: "CONSUMER_SUSPENDED",
        domain: "googleapis.com",
        metadata: { service: SERVICE, consumer: `projects/${projectNumber}` },
      },
    ],
  );

export const locationUnsupported = () =>
  new GeminiError(400, "FAILED_PRECONDITION", "User location is not supported for the API use.");

/**
 * The key's project has the Generative Language API disabled (or never enabled). Text and
 * ErrorInfo as Google answers (reported e.g. in google-gemini/gemini-cli issues about
 * "has not been used in project … before or it is disabled").
 */
export const serviceDisabled = (projectNumber: string) =>
  new GeminiError(
    403,
    "PERMISSION_DENIED",
    `Generative Language API has not been used in project ${projectNumber} before or it is disabled. Enable it by visiting https://console.developers.google.com/apis/api/generativelanguage.googleapis.com/overview?project=${projectNumber} then retry. If you enabled this API recently, wait a few minutes for the action to propagate to our systems and retry.`,
    [
      {
        "@type": "type.googleapis.com/google.rpc.ErrorInfo",
        reason: "SERVICE_DISABLED",
        domain: "googleapis.com",
        metadata: { service: SERVICE, consumer: `projects/${projectNumber}` },
      },
    ],
  );
