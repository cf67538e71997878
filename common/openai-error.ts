/**
 * The one error type clients see. Every error response of both workers is built from it, in
 * OpenAI's shape: `{"error":{"message","type","param","code"}}` — the only shape the official SDKs
 * turn into their typed errors.
 */
export type OpenAIErrorType =
  | "invalid_request_error"
  | "authentication_error"
  | "permission_error"
  | "not_found_error"
  | "rate_limit_error"
  | "server_error"
  | "api_error";

export interface OpenAIErrorBody {
  error: { message: string; type: OpenAIErrorType; param: string | null; code: string | null };
}

export class OpenAIError extends Error {
  readonly status: number;
  readonly type: OpenAIErrorType;
  readonly param: string | null;
  readonly code: string | null;
  /** Extra response headers, e.g. Retry-After. */
  readonly headers: Record<string, string>;

  constructor(
    status: number,
    message: string,
    options: {
      type?: OpenAIErrorType;
      param?: string | null;
      code?: string | null;
      headers?: Record<string, string>;
    } = {},
  ) {
    super(message);
    this.name = "OpenAIError";
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

function defaultType(status: number): OpenAIErrorType {
  if (status === 401) return "authentication_error";
  if (status === 403) return "permission_error";
  if (status === 404) return "not_found_error";
  if (status === 429) return "rate_limit_error";
  if (status >= 500) return "server_error";
  return "invalid_request_error";
}

export const badRequest = (param: string | null, message: string, code: string | null = null) =>
  new OpenAIError(400, message, { param, code });

export const unauthorized = (message = "Invalid or missing bearer token.") =>
  new OpenAIError(401, message, { code: "invalid_api_key" });

export const notFound = (message: string) => new OpenAIError(404, message, { code: "not_found" });

export const methodNotAllowed = (method: string, path: string) =>
  new OpenAIError(405, `Method ${method} is not allowed on ${path}.`, {
    code: "method_not_allowed",
  });

export const payloadTooLarge = (limitBytes: number) =>
  new OpenAIError(413, `Request body is larger than ${limitBytes} bytes.`, {
    code: "payload_too_large",
  });

export const serverError = (message: string, code: string | null = null) =>
  new OpenAIError(500, message, { code });

export const serviceUnavailable = (message: string, code: string | null = null) =>
  new OpenAIError(503, message, { code });

/** Turns anything thrown into an OpenAIError; unknown errors become a 500 without internals. */
export function asOpenAIError(error: unknown): OpenAIError {
  if (error instanceof OpenAIError) return error;
  return serverError("Internal error.", "internal_error");
}
