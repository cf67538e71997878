/** Gemini's error bodies (google.rpc.Status in JSON), exactly as the real API shapes them. */

export interface FieldViolation {
  field?: string;
  description: string;
}

export class GeminiError extends Error {
  readonly code: number;
  readonly status: string;
  readonly details: readonly unknown[] | undefined;
  readonly headers: Record<string, string>;

  constructor(
    code: number,
    status: string,
    message: string,
    details?: readonly unknown[],
    headers: Record<string, string> = {},
  ) {
    super(message);
    this.code = code;
    this.status = status;
    this.details = details;
    this.headers = headers;
  }

  toJSON() {
    const error: Record<string, unknown> = {
      code: this.code,
      message: this.message,
      status: this.status,
    };
    if (this.details) error.details = this.details;
    return { error };
  }
}

const SERVICE = "generativelanguage.googleapis.com";

/** ESF's JSON transcoding errors: one line per violation, a BadRequest detail listing them. */
export function invalidPayload(violations: readonly FieldViolation[]): GeminiError {
  return new GeminiError(
    400,
    "INVALID_ARGUMENT",
    violations.map((violation) => violation.description).join("\n"),
    [{ "@type": "type.googleapis.com/google.rpc.BadRequest", fieldViolations: violations }],
  );
}

/** The backend's semantic checks: `* Request.path: message` lines, each ending in a newline. */
export function invalidRequest(requestName: string, problems: readonly SemanticProblem[]) {
  const message = problems
    .map((problem) => `* ${requestName}.${problem.path}: ${problem.message}\n`)
    .join("");
  return new GeminiError(400, "INVALID_ARGUMENT", message);
}

export interface SemanticProblem {
  path: string;
  message: string;
}

export const invalidArgument = (message: string) =>
  new GeminiError(400, "INVALID_ARGUMENT", message);

export const malformedJson = (detail: string) =>
  invalidPayload([{ description: `Invalid JSON payload received. ${detail}` }]);

export const invalidKey = () =>
  new GeminiError(400, "INVALID_ARGUMENT", "API key not valid. Please pass a valid API key.", [
    {
      "@type": "type.googleapis.com/google.rpc.ErrorInfo",
      reason: "API_KEY_INVALID",
      domain: "googleapis.com",
      metadata: { service: SERVICE },
    },
  ]);

export const missingKey = () =>
  new GeminiError(
    403,
    "PERMISSION_DENIED",
    "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.",
    [
      {
        "@type": "type.googleapis.com/google.rpc.ErrorInfo",
        reason: "CONSUMER_INVALID",
        domain: "googleapis.com",
        metadata: { service: SERVICE },
      },
    ],
  );

export const modelNotFound = (model: string, method: string) =>
  new GeminiError(
    404,
    "NOT_FOUND",
    `models/${model} is not found for API version v1beta, or is not supported for ${method}. Call ListModels to see the list of available models and their supported methods.`,
  );

/** A shut-down model (issue 20, Google's text for gemini-2.0-flash since 2026-06-01). */
export const modelRetired = (name: string) =>
  new GeminiError(
    404,
    "NOT_FOUND",
    `This model ${name} is no longer available. Please update your code to use a newer model for the latest features and improvements.`,
  );

export const routeNotFound = (path: string) =>
  new GeminiError(404, "NOT_FOUND", `The requested URL ${path} was not found on this server.`);

export const rateLimited = (model: string, retryDelaySeconds: number) =>
  new GeminiError(
    429,
    "RESOURCE_EXHAUSTED",
    `You exceeded your current quota, please check your plan and billing details. For more information on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits. To monitor your current usage, head to: https://ai.dev/usage?tab=rate-limit. \n* Quota exceeded for metric: generativelanguage.googleapis.com/generate_content_free_tier_requests, limit: 10, model: ${model}\nPlease retry in ${retryDelaySeconds}s.`,
    [
      {
        "@type": "type.googleapis.com/google.rpc.QuotaFailure",
        violations: [
          {
            quotaMetric: "generativelanguage.googleapis.com/generate_content_free_tier_requests",
            quotaId: "GenerateRequestsPerMinutePerProjectPerModel-FreeTier",
            quotaDimensions: { location: "global", model },
            quotaValue: "10",
          },
        ],
      },
      {
        "@type": "type.googleapis.com/google.rpc.Help",
        links: [
          {
            description: "Learn more about Gemini API quotas",
            url: "https://ai.google.dev/gemini-api/docs/rate-limits",
          },
        ],
      },
      { "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: `${retryDelaySeconds}s` },
    ],
  );

export const unavailable = () =>
  new GeminiError(503, "UNAVAILABLE", "The model is overloaded. Please try again later.");

export const internalError = () =>
  new GeminiError(
    500,
    "INTERNAL",
    "An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting",
  );

export const suspended = (key: string) =>
  new GeminiError(403, "PERMISSION_DENIED", `Consumer 'api_key:${key}' has been suspended.`, [
    {
      "@type": "type.googleapis.com/google.rpc.ErrorInfo",
      reason: "CONSUMER_SUSPENDED",
      domain: "googleapis.com",
      metadata: { consumer: `projects/emulated`, service: SERVICE },
    },
  ]);

/**
 * A file of another project, or none: Google answers the same 403 for both
 * (google-gemini/deprecated-generative-ai-python#692 and #617).
 */
export const fileNotVisible = (id: string) =>
  new GeminiError(
    403,
    "PERMISSION_DENIED",
    `You do not have permission to access the File ${id} or it may not exist.`,
  );

/**
 * A cache of another project, deleted or expired: 403, for GET and for generateContent alike (a
 * third party's recorded probes of 2026-09-07 against the real API).
 */
export const cacheNotVisible = () =>
  new GeminiError(403, "PERMISSION_DENIED", "CachedContent not found (or permission denied)");
