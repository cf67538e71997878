import type { OpenAIFinishReason } from "./openai-types.ts";

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
 * Gemini's finishReason → OpenAI's. Filtering reasons become content_filter; reasons OpenAI has no
 * word for (OTHER, LANGUAGE, MALFORMED_FUNCTION_CALL, ...) end the turn as stop. A candidate that
 * called a tool is reported as tool_calls by the caller, whatever Gemini says.
 */
export function mapGeminiFinishReason(reason: string | undefined): OpenAIFinishReason | null {
  if (!reason) return null;
  if (reason === "MAX_TOKENS") return "length";
  if (FILTERED.has(reason)) return "content_filter";
  return "stop";
}
