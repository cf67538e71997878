import { finishKind } from "../../../gemini/finish-reasons.ts";
import type { AnthropicStopDetails, AnthropicStopReason } from "./anthropic-types.ts";

/**
 * Gemini's finishReason → Anthropic's stop_reason, by its kind (src/gemini/finish-reasons.ts): a
 * turn that called a tool is `tool_use` (Gemini says STOP), the output budget (and a long-decode
 * CONTINUATION the gateway did not continue) is `max_tokens`, a filter `refusal`, anything else
 * ends the turn. Gemini reports a matched stop sequence as a plain STOP without saying which one,
 * so `stop_sequence` is never claimed. Undefined while Gemini has not finished.
 */
export function toStopReason(
  finishReason: string | undefined,
  calledTool: boolean,
): AnthropicStopReason | undefined {
  const kind = finishKind(finishReason);
  if (kind === undefined) return undefined;
  if (calledTool) return "tool_use";
  if (kind === "length" || kind === "continuation") return "max_tokens";
  if (kind === "filtered") return "refusal";
  return "end_turn";
}

/**
 * `stop_details`: for a refusal, Anthropic's RefusalStopDetails — Gemini's block reasons and
 * harm categories are not Anthropic's named policy categories, so `category` is null and the
 * explanation is Gemini's finish (or block) message when it gave one; null for every other stop.
 */
export function toStopDetails(
  stopReason: AnthropicStopReason | null | undefined,
  message: string | undefined,
): AnthropicStopDetails | null {
  if (stopReason !== "refusal") return null;
  return { type: "refusal", category: null, explanation: message || null };
}
