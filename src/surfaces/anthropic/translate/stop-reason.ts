import { FILTERED_FINISH_REASONS } from "../../../gemini/finish-reasons.ts";
import type { AnthropicStopReason } from "./anthropic-types.ts";

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
  if (FILTERED_FINISH_REASONS.has(finishReason)) return "refusal";
  return "end_turn";
}
