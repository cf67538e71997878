import type { ApiError } from "./api-error.ts";

/** Gemini's error body (google.rpc.Status as JSON), which Google's clients parse. */
export interface GeminiErrorBody {
  error: { code: number; message: string; status: string; details?: unknown[] };
}

/** The google.rpc.Code names Gemini's REST API pairs with each HTTP status. */
const STATUS_BY_HTTP: Readonly<Record<number, string>> = {
  400: "INVALID_ARGUMENT",
  401: "UNAUTHENTICATED",
  403: "PERMISSION_DENIED",
  404: "NOT_FOUND",
  405: "UNIMPLEMENTED",
  409: "ABORTED",
  412: "FAILED_PRECONDITION",
  413: "INVALID_ARGUMENT",
  429: "RESOURCE_EXHAUSTED",
  499: "CANCELLED",
  500: "INTERNAL",
  501: "UNIMPLEMENTED",
  502: "UNAVAILABLE",
  503: "UNAVAILABLE",
  504: "DEADLINE_EXCEEDED",
};

const RPC_CODES = new Set(Object.values(STATUS_BY_HTTP).concat(["OUT_OF_RANGE", "DATA_LOSS"]));

/**
 * The status string for an error: Gemini's own when the error came from Gemini (the pool keeps it,
 * lower-cased, as the error's `code`), otherwise the one Gemini uses for that HTTP status.
 */
export function geminiStatusOf(error: ApiError): string {
  const upstream = error.code?.toUpperCase();
  if (upstream && RPC_CODES.has(upstream)) return upstream;
  return (
    STATUS_BY_HTTP[error.status] ??
    (error.status >= 500 ? "INTERNAL" : error.status >= 400 ? "FAILED_PRECONDITION" : "UNKNOWN")
  );
}

/** An ApiError in Gemini's shape; a rate limit carries its Retry-After as a RetryInfo detail. */
export function toGeminiErrorBody(error: ApiError): GeminiErrorBody {
  const body: GeminiErrorBody = {
    error: { code: error.status, message: error.message, status: geminiStatusOf(error) },
  };
  const retryAfter = error.headers["retry-after"];
  if (error.status === 429 && retryAfter) {
    body.error.details = [
      { "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: `${retryAfter}s` },
    ];
  }
  return body;
}

export function toGeminiErrorResponse(
  error: ApiError,
  extraHeaders: Record<string, string> = {},
): Response {
  return Response.json(toGeminiErrorBody(error), {
    status: error.status,
    headers: { ...error.headers, ...extraHeaders },
  });
}
