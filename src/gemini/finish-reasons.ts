import { ApiError } from "../../common/api-error.ts";

/**
 * What a candidate's finishReason means for any client API. Each surface maps these kinds to its
 * own words (OpenAI finish_reason, Responses status, Anthropic stop_reason); this file is the one
 * place that says which Gemini value is which kind.
 *
 * - `stop`: the model finished (or stopped for a reason no client API can name more precisely).
 * - `length`: the output budget (maxOutputTokens) was spent.
 * - `filtered`: the answer was withheld or cut by a filter.
 * - `failed`: Gemini's own output was broken — never an empty success, a retryable error.
 * - `continuation`: long decode — the hop reached its per-request cap and the answer goes on with
 *   the candidate's continuationToken (src/gemini/long-decode.ts continues it). Should one still
 *   reach a surface (the gateway's hop bound was reached), the answer is incomplete: `length`.
 */
export type FinishKind = "stop" | "length" | "filtered" | "failed" | "continuation";

/**
 * Every FinishReason value Google documents, by kind. Sources: Candidate.FinishReason in the v1beta
 * protos (@google-ai/generativelanguage) and @google/genai's FinishReason enum (descriptions quoted
 * in the comments); MISSING_THOUGHT_SIGNATURE and MALFORMED_RESPONSE from the Gemini API reference
 * (https://ai.google.dev/api/generate-content#FinishReason). A value not listed here reads as
 * `stop` (test/unit/gemini/finish-reasons.test.ts fails when the installed SDK knows one that is not).
 */
export const FINISH_REASON_KINDS: Readonly<Record<string, FinishKind>> = {
  FINISH_REASON_UNSPECIFIED: "stop",
  STOP: "stop",
  MAX_TOKENS: "length",
  SAFETY: "filtered",
  RECITATION: "filtered",
  /** "stopped because of using an unsupported language": no answer, but no filter a client knows. */
  LANGUAGE: "stop",
  OTHER: "stop",
  BLOCKLIST: "filtered",
  PROHIBITED_CONTENT: "filtered",
  SPII: "filtered",
  MALFORMED_FUNCTION_CALL: "failed",
  IMAGE_SAFETY: "filtered",
  UNEXPECTED_TOOL_CALL: "failed",
  /** "Model called too many tools consecutively, thus the system exited execution." */
  TOO_MANY_TOOL_CALLS: "failed",
  IMAGE_PROHIBITED_CONTENT: "filtered",
  /** "The model was expected to generate an image, but none was generated." */
  NO_IMAGE: "stop",
  IMAGE_RECITATION: "filtered",
  IMAGE_OTHER: "stop",
  MISSING_THOUGHT_SIGNATURE: "failed",
  MALFORMED_RESPONSE: "failed",
  /**
   * "the response reached the per-request token limit, but generation is not yet complete"
   * (@google/genai; https://ai.google.dev/gemini-api/docs/generate-content/long-decode).
   */
  CONTINUATION: "continuation",
  /** "Request was filtered by an escalation rule" (@google/genai 3.x; not on Vertex AI). */
  ESCALATION: "filtered",
  /**
   * "token generation stopped because the user account is limited or disabled due to Prohibited
   * Use Policy (PUP) violations" (@google/genai 3.x): a policy stop, which clients know as a filter.
   */
  PUP_LIMITED_DISABLED: "filtered",
  /** "The model response was blocked by Model Armor" (@google/genai 3.x; Vertex AI only). */
  MODEL_ARMOR: "filtered",
};

/** A finishReason's kind; undefined while Gemini has not finished; an unknown value is `stop`. */
export function finishKind(reason: string | undefined): FinishKind | undefined {
  if (!reason) return undefined;
  return FINISH_REASON_KINDS[reason] ?? "stop";
}

const reasonsOf = (kind: FinishKind): ReadonlySet<string> =>
  new Set(
    Object.keys(FINISH_REASON_KINDS).filter((reason) => FINISH_REASON_KINDS[reason] === kind),
  );

/** The answer was withheld or cut by a filter (OpenAI content_filter, Anthropic refusal). */
export const FILTERED_FINISH_REASONS = reasonsOf("filtered");

/**
 * Gemini produced no usable answer because its own output was broken: never an empty success,
 * always a retryable error.
 */
export const FAILED_FINISH_REASONS = reasonsOf("failed");

/**
 * promptFeedback.blockReason values: the prompt itself was blocked and there are no candidates.
 * Every one reads as a filter on every surface (OpenAI content_filter, Responses incomplete with
 * content_filter, Anthropic refusal). Sources: GenerateContentResponse.PromptFeedback.BlockReason in
 * the v1beta protos and @google/genai's BlockedReason (MODEL_ARMOR "blocked by Model Armor",
 * JAILBREAK "blocked as a jailbreak attempt"; the SDK marks both as not sent by the Gemini API
 * today, issue 20 reports them — so they are mapped, not assumed absent).
 */
export const BLOCK_REASONS: ReadonlySet<string> = new Set([
  "BLOCKED_REASON_UNSPECIFIED",
  "SAFETY",
  "OTHER",
  "BLOCKLIST",
  "PROHIBITED_CONTENT",
  "IMAGE_SAFETY",
  "MODEL_ARMOR",
  "JAILBREAK",
]);

/** Whether Gemini blocked the prompt itself (any blockReason, known or not, with no candidates). */
export function promptBlocked(response: {
  candidates?: unknown[];
  promptFeedback?: { blockReason?: string };
}): boolean {
  return Boolean(response.promptFeedback?.blockReason) && !response.candidates?.length;
}

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
  if (finishKind(reason) !== "failed") return null;
  const detail = candidate.finishMessage ? `: ${candidate.finishMessage}` : ".";
  return new ApiError(
    502,
    `Gemini stopped without a usable answer (finishReason ${reason})${detail} Retrying the request usually helps.`,
    { type: "api_error", code: (reason as string).toLowerCase() },
  );
}
