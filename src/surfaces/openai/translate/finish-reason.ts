import { FILTERED_FINISH_REASONS } from "../../../gemini/finish-reasons.ts";
import type { OpenAIFinishReason } from "./openai-types.ts";

/**
 * Gemini's finishReason → OpenAI's. MAX_TOKENS is length, the safety family content_filter, the
 * rest (STOP, OTHER, LANGUAGE, NO_IMAGE, …) stop. A candidate that called a tool is reported as
 * tool_calls by the caller, whatever Gemini says; the failed family is `failedFinish`'s (src/gemini/finish-reasons.ts).
 */
export function mapGeminiFinishReason(reason: string | undefined): OpenAIFinishReason | null {
  if (!reason) return null;
  if (reason === "MAX_TOKENS") return "length";
  if (FILTERED_FINISH_REASONS.has(reason)) return "content_filter";
  return "stop";
}
