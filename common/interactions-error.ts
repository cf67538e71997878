import type { ApiError } from "./api-error.ts";
import { toGeminiErrorResponse } from "./gemini-error.ts";

/**
 * The Interactions API's own error shape — `{"error":{"code":"invalid_request","message":"…"}}`,
 * and in a stream an `error` event `{"event_type":"error","error":{…}}` — not google.rpc.Status.
 * Codes and their HTTP statuses: ai.google.dev/gemini-api/docs/api-errors ("Interactions API
 * error codes"); the body and the SSE event as that page shows them, quoted by a third party
 * (developersdigest.tech/errors/api/gemini-api). @google/genai reads `error.message` and throws by
 * status (BadRequestError, RateLimitError, …).
 */
export interface InteractionsErrorBody {
  error: { code: string; message: string };
}

/** The documented codes by status (503 and 504 are not in the part of the table read: google.rpc's names). */
const CODE_BY_STATUS: Readonly<Record<number, string>> = {
  400: "invalid_request",
  401: "authentication",
  402: "payment_required",
  403: "permission_denied",
  404: "not_found",
  416: "out_of_range",
  429: "rate_limit_exceeded",
  499: "cancelled",
  500: "api_error",
  503: "unavailable",
  504: "deadline_exceeded",
};

/** Every code of Google's table; an upstream error keeps its own. */
export const INTERACTIONS_STATUS_BY_CODE: Readonly<Record<string, number>> = {
  invalid_request: 400,
  failed_precondition: 400,
  parameter_unknown: 400,
  authentication: 401,
  payment_required: 402,
  permission_denied: 403,
  not_found: 404,
  model_not_found: 404,
  out_of_range: 416,
  rate_limit_exceeded: 429,
  quota_exceeded: 429,
  cancelled: 499,
  api_error: 500,
  unavailable: 503,
  deadline_exceeded: 504,
};

/** The HTTP status of an Interactions error code; null for anything else. */
export const interactionsStatusOf = (code: unknown): number | null =>
  typeof code === "string" && Object.hasOwn(INTERACTIONS_STATUS_BY_CODE, code)
    ? (INTERACTIONS_STATUS_BY_CODE[code] ?? null)
    : null;

/** The code for an error: Gemini's own when it sent one of the table, else the status's. */
export function interactionsCodeOf(error: ApiError): string {
  if (error.code && interactionsStatusOf(error.code) !== null) return error.code;
  if (
    error.status === 429 &&
    (error.code === "daily_quota_exhausted" || error.code === "no_quota_for_model")
  ) {
    return "quota_exceeded";
  }
  return CODE_BY_STATUS[error.status] ?? (error.status >= 500 ? "api_error" : "invalid_request");
}

export function toInteractionsErrorBody(error: ApiError): InteractionsErrorBody {
  return { error: { code: interactionsCodeOf(error), message: error.message } };
}

export function toInteractionsErrorResponse(
  error: ApiError,
  extraHeaders: Record<string, string> = {},
): Response {
  return Response.json(toInteractionsErrorBody(error), {
    status: error.status,
    headers: { ...error.headers, ...extraHeaders },
  });
}

/** The SSE `error` event of a stream that fails after it started. */
export const interactionsErrorEvent = (body: InteractionsErrorBody) =>
  `event: error\ndata: ${JSON.stringify({ event_type: "error", ...body })}\n\n`;

/** `/v1beta/interactions…`, `/v1/interactions…`: the native surface's paths of the Interactions API. */
export const isInteractionsPath = (path: string) =>
  /^\/v1(?:beta)?\/interactions(?:\/|$)/.test(path);

/** How a native Gemini error is rendered on `path`: the Interactions shape there, else google.rpc. */
export const geminiErrorRendererFor = (path: string) =>
  isInteractionsPath(path) ? toInteractionsErrorResponse : toGeminiErrorResponse;
