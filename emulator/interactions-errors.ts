import { GeminiError } from "./errors.ts";

/**
 * The Interactions API's own error shape, `{"error":{"code":"invalid_request","message":"…"}}`,
 * and `{"event_type":"error","error":{…}}` inside a stream — not google.rpc.Status. Codes and
 * statuses from ai.google.dev/gemini-api/docs/api-errors ("Interactions API error codes"; the body
 * and the SSE example are quoted by a third party, developersdigest.tech/errors/api/gemini-api,
 * and a real 400 body of 2026-06-12 in allenhutchison/gemini-cli-deep-research#73).
 */
export class InteractionsError extends GeminiError {
  readonly errorCode: string;

  constructor(
    status: number,
    errorCode: string,
    message: string,
    headers?: Record<string, string>,
  ) {
    super(status, errorCode.toUpperCase(), message, undefined, headers);
    this.errorCode = errorCode;
  }

  override toJSON() {
    return { error: { message: this.message, code: this.errorCode } };
  }
}

/**
 * The documented code of each status; 503 and 504 are not in the part of Google's table read,
 * so google.rpc's names are used in lower case (the emulator's choice).
 */
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

/**
 * Any refusal of the emulator in the Interactions shape. An invalid key is 401 `authentication`
 * ("The API key is missing, invalid, or expired", docs/api-errors); a daily quota is
 * `quota_exceeded`, a per-minute one `rate_limit_exceeded` (both 429, the same page); a failed
 * precondition keeps its own code. Retry-After and other headers are kept.
 */
export function asInteractionsError(error: GeminiError): InteractionsError {
  if (error instanceof InteractionsError) return error;
  const invalidKey = error.status === "INVALID_ARGUMENT" && /API key not valid/.test(error.message);
  const status = invalidKey ? 401 : error.code;
  let code = CODE_BY_STATUS[status] ?? (status >= 500 ? "api_error" : "invalid_request");
  if (error.status === "FAILED_PRECONDITION") code = "failed_precondition";
  if (status === 429 && /PerDay|per day/i.test(JSON.stringify(error.toJSON()))) {
    code = "quota_exceeded";
  }
  return new InteractionsError(status, code, error.message, error.headers);
}

export const invalidInteractionRequest = (message: string) =>
  new InteractionsError(400, "invalid_request", message);

/** An interaction that is not the caller's project's, deleted or expired (wording: the emulator's). */
export const interactionNotFound = (id: string) =>
  new InteractionsError(404, "not_found", `Interaction ${id} not found.`);

export const interactionModelNotFound = (model: string) =>
  new InteractionsError(404, "model_not_found", `Model ${model} not found.`);
