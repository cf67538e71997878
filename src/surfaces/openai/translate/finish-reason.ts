import { finishKind } from "../../../gemini/finish-reasons.ts";
import type { OpenAIFinishReason } from "./openai-types.ts";

/**
 * Gemini's finishReason → OpenAI's, by its kind (src/gemini/finish-reasons.ts): the output budget
 * (and a long-decode CONTINUATION the gateway did not continue) is `length`, a filter
 * `content_filter`, the rest `stop`. A candidate that called a tool is reported as tool_calls by
 * the caller, whatever Gemini says; the failed kind is `failedFinish`'s.
 */
export function mapGeminiFinishReason(reason: string | undefined): OpenAIFinishReason | null {
  const kind = finishKind(reason);
  if (kind === undefined) return null;
  if (kind === "length" || kind === "continuation") return "length";
  if (kind === "filtered") return "content_filter";
  return "stop";
}
