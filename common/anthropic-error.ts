import type { ApiError } from "./api-error.ts";

/**
 * The error types Anthropic's API answers with (https://docs.claude.com/en/api/errors; 504's
 * `timeout_error` is @anthropic-ai/sdk's GatewayTimeoutErrorObject); its SDKs pick the typed error
 * from the status. `request_too_large` is on Anthropic's errors page but not in the SDK's types.
 */
export type AnthropicErrorType =
  | "invalid_request_error"
  | "authentication_error"
  | "permission_error"
  | "not_found_error"
  | "request_too_large"
  | "rate_limit_error"
  | "timeout_error"
  | "api_error"
  | "overloaded_error";

/** Anthropic's ErrorResponse: `request_id` is always there (null when the gateway has none). */
export interface AnthropicErrorBody {
  type: "error";
  error: { type: AnthropicErrorType; message: string };
  request_id: string | null;
}

/** Anthropic answers "overloaded" with 529; Gemini's (and the pool's) overloaded is 503. */
export const OVERLOADED_STATUS = 529;

/** An ApiError's status as Anthropic would send it: 503 (overloaded, no capacity) becomes 529. */
export const toAnthropicStatus = (status: number) => (status === 503 ? OVERLOADED_STATUS : status);

export function toAnthropicErrorType(status: number): AnthropicErrorType {
  switch (status) {
    case 400:
    case 405:
    case 422:
      return "invalid_request_error";
    case 401:
      return "authentication_error";
    case 403:
      return "permission_error";
    case 404:
      return "not_found_error";
    case 413:
      return "request_too_large";
    case 429:
      return "rate_limit_error";
    case 503:
    case OVERLOADED_STATUS:
      return "overloaded_error";
    case 504:
      return "timeout_error";
    default:
      return status < 500 ? "invalid_request_error" : "api_error";
  }
}

/**
 * `{"type":"error","error":{"type","message"}}` for an ApiError. Anthropic's shape has no `param`,
 * so the field goes in front of the message, as Anthropic writes it (`messages.0.content: …`).
 */
export function toAnthropicErrorBody(error: ApiError, requestId?: string): AnthropicErrorBody {
  const message =
    error.param && !error.message.startsWith(`${error.param}:`)
      ? `${error.param}: ${error.message}`
      : error.message;
  return {
    type: "error",
    error: { type: toAnthropicErrorType(error.status), message },
    request_id: requestId || null,
  };
}

/**
 * The whole error response in Anthropic's shape, with the error's own headers (retry-after) and
 * Anthropic's `request-id` header (the SDK reads it into `error.requestID`).
 */
export function toAnthropicErrorResponse(
  error: ApiError,
  headers: Record<string, string> = {},
): Response {
  const requestId = headers["x-request-id"] || undefined;
  return Response.json(toAnthropicErrorBody(error, requestId), {
    status: toAnthropicStatus(error.status),
    headers: {
      ...error.headers,
      ...headers,
      ...(requestId && { "request-id": requestId }),
    },
  });
}

/** Paths served by the Anthropic surface (the orchestrator renders its own errors for them in this shape). */
export const isAnthropicPath = (path: string) =>
  path === "/v1/messages" || path.startsWith("/v1/messages/");
