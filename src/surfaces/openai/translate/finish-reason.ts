import { ApiError } from "../../../../common/api-error.ts";
import type { GeminiCandidate } from "../../../gemini/types.ts";
import type { OpenAIFinishReason } from "./openai-types.ts";

/** Gemini's safety family: the answer was withheld or cut by a filter. */
const FILTERED = new Set([
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
 * Reasons where Gemini produced no usable answer because its own output was broken (FinishReason
 * in the v1beta protos / @google/genai): reported as a retryable error, never as an empty "stop".
 */
const FAILED = new Set([
  "MALFORMED_FUNCTION_CALL",
  "UNEXPECTED_TOOL_CALL",
  "TOO_MANY_TOOL_CALLS",
  "MISSING_THOUGHT_SIGNATURE",
  "MALFORMED_RESPONSE",
]);

/**
 * Gemini's finishReason → OpenAI's. MAX_TOKENS is length, the safety family content_filter, the
 * rest (STOP, OTHER, LANGUAGE, NO_IMAGE, …) stop. A candidate that called a tool is reported as
 * tool_calls by the caller, whatever Gemini says; the failed family is `failedFinish`'s.
 */
export function mapGeminiFinishReason(reason: string | undefined): OpenAIFinishReason | null {
  if (!reason) return null;
  if (reason === "MAX_TOKENS") return "length";
  if (FILTERED.has(reason)) return "content_filter";
  return "stop";
}

/**
 * The error to answer instead of a choice that ended with a failure reason, or null. A 502
 * `api_error` (the openai SDKs retry 5xx) whose code is the reason in lower case and whose message
 * carries Gemini's finishMessage.
 */
export function failedFinish(candidate: GeminiCandidate): ApiError | null {
  const reason = candidate.finishReason;
  if (!reason || !FAILED.has(reason)) return null;
  const detail = candidate.finishMessage ? `: ${candidate.finishMessage}` : ".";
  return new ApiError(
    502,
    `Gemini stopped without a usable answer (finishReason ${reason})${detail} Retrying the request usually helps.`,
    { type: "api_error", code: reason.toLowerCase() },
  );
}
