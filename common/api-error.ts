/**
 * The one error type of both workers: what went wrong, for the client, with its status. Its
 * vocabulary (`type`, `code`, `param`) is OpenAI's, and `toJSON`/`toResponse` render OpenAI's shape
 * `{"error":{"message","type","param","code"}}` (the only shape the openai SDKs turn into typed
 * errors). Surfaces with another wire shape (Anthropic, native Gemini) render the same error with
 * their own renderer in `src/surfaces/<api>/`.
 */
export type ApiErrorType =
  | "invalid_request_error"
  | "authentication_error"
  | "permission_error"
  | "not_found_error"
  | "rate_limit_error"
  | "server_error"
  | "api_error";

export interface OpenAIErrorBody {
  error: { message: string; type: ApiErrorType; param: string | null; code: string | null };
}

export class ApiError extends Error {
  readonly status: number;
  readonly type: ApiErrorType;
  readonly param: string | null;
  readonly code: string | null;
  /** Extra response headers, e.g. Retry-After. */
  readonly headers: Record<string, string>;

  constructor(
    status: number,
    message: string,
    options: {
      type?: ApiErrorType;
      param?: string | null;
      code?: string | null;
      headers?: Record<string, string>;
    } = {},
  ) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.type = options.type ?? defaultType(status);
    this.param = options.param ?? null;
    this.code = options.code ?? null;
    this.headers = options.headers ?? {};
  }

  toJSON(): OpenAIErrorBody {
    return {
      error: { message: this.message, type: this.type, param: this.param, code: this.code },
    };
  }

  toResponse(extraHeaders: Record<string, string> = {}): Response {
    return Response.json(this.toJSON(), {
      status: this.status,
      headers: { ...this.headers, ...extraHeaders },
    });
  }
}

function defaultType(status: number): ApiErrorType {
  if (status === 401) return "authentication_error";
  if (status === 403) return "permission_error";
  if (status === 404) return "not_found_error";
  if (status === 429) return "rate_limit_error";
  if (status >= 500) return "server_error";
  return "invalid_request_error";
}

export const badRequest = (param: string | null, message: string, code: string | null = null) =>
  new ApiError(400, message, { param, code });

export const unauthorized = (message = "Invalid or missing bearer token.") =>
  new ApiError(401, message, { code: "invalid_api_key" });

export const notFound = (message: string) => new ApiError(404, message, { code: "not_found" });

export const methodNotAllowed = (method: string, path: string) =>
  new ApiError(405, `Method ${method} is not allowed on ${path}.`, {
    code: "method_not_allowed",
  });

export const payloadTooLarge = (limitBytes: number) =>
  new ApiError(413, `Request body is larger than ${limitBytes} bytes.`, {
    code: "payload_too_large",
  });

export const serverError = (message: string, code: string | null = null) =>
  new ApiError(500, message, { code });

export const serviceUnavailable = (message: string, code: string | null = null) =>
  new ApiError(503, message, { code });

/** Turns anything thrown into an ApiError; unknown errors become a 500 without internals. */
export function asApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return serverError("Internal error.", "internal_error");
}
