import { ApiError } from "../../common/api-error.ts";

/**
 * Gemini's FinishReason values (v1beta protos; the newer ones from @google/genai's types) grouped
 * by what they mean for any client API. Each surface maps the groups to its own words.
 */

/** The answer was withheld or cut by a filter (OpenAI content_filter, Anthropic refusal). */
export const FILTERED_FINISH_REASONS: ReadonlySet<string> = new Set([
  "SAFETY",
  "RECITATION",
  "BLOCKLIST",
  "PROHIBITED_CONTENT",
  "SPII",
  "IMAGE_SAFETY",
  "IMAGE_PROHIBITED_CONTENT",
  "IMAGE_RECITATION",
]);

/**
 * Gemini produced no usable answer because its own output was broken: never an empty success,
 * always a retryable error.
 */
export const FAILED_FINISH_REASONS: ReadonlySet<string> = new Set([
  "MALFORMED_FUNCTION_CALL",
  "UNEXPECTED_TOOL_CALL",
  "TOO_MANY_TOOL_CALLS",
  "MISSING_THOUGHT_SIGNATURE",
  "MALFORMED_RESPONSE",
]);

/**
 * The error to answer instead of a candidate that ended with a failure reason, or null: a 502
 * `api_error` (the SDKs retry 5xx) whose code is the reason in lower case and whose message
 * carries Gemini's finishMessage.
 */
export function failedFinish(candidate: {
  finishReason?: string;
  finishMessage?: string;
}): ApiError | null {
  const reason = candidate.finishReason;
  if (!reason || !FAILED_FINISH_REASONS.has(reason)) return null;
  const detail = candidate.finishMessage ? `: ${candidate.finishMessage}` : ".";
  return new ApiError(
    502,
    `Gemini stopped without a usable answer (finishReason ${reason})${detail} Retrying the request usually helps.`,
    { type: "api_error", code: reason.toLowerCase() },
  );
}
