import type { AnthropicStopReason } from "./anthropic-types.ts";

const REFUSED = new Set([
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
 * Gemini's finishReason → Anthropic's stop_reason: a turn that called a tool is `tool_use`
 * (Gemini says STOP), MAX_TOKENS is `max_tokens`, filtering is `refusal`, anything else ends the
 * turn. Gemini reports a matched stop sequence as a plain STOP without saying which one, so
 * `stop_sequence` is never claimed. Undefined while Gemini has not finished.
 */
export function toStopReason(
  finishReason: string | undefined,
  calledTool: boolean,
): AnthropicStopReason | undefined {
  if (!finishReason) return undefined;
  if (calledTool) return "tool_use";
  if (finishReason === "MAX_TOKENS") return "max_tokens";
  if (REFUSED.has(finishReason)) return "refusal";
  return "end_turn";
}
