import { failedFinish } from "../../../gemini/finish-reasons.ts";
import type { GeminiGenerateContentResponse } from "../../../gemini/types.ts";
import type { AnthropicMessageResponse } from "./anthropic-types.ts";
import { ContentAssembler } from "./content-assembler.ts";
import { toStopReason } from "./stop-reason.ts";
import { toAnthropicUsage } from "./usage.ts";

export interface MessageContext {
  /** `msg_…`, random per request. */
  id: string;
  /** The model name the client asked for (echoed, as Claude clients expect). */
  model: string;
  /** Answer with the model that served (Gemini's modelVersion) instead of echoing `model`. */
  servedModel?: boolean;
  includeThoughts: boolean;
}

/**
 * Tool use ids Gemini did not give are derived from the message id (random per request) and the
 * call's position: unique within a conversation, the same however a stream arrives. Ids keep to
 * `[A-Za-z0-9_-]`, as Anthropic's do.
 */
export const fallbackToolUseId = (messageId: string, call: number) =>
  `toolu_${messageId.replace(/[^A-Za-z0-9]/g, "").slice(-24)}_${call}`;

/**
 * A Gemini generateContent response → an Anthropic message (the first candidate). A candidate
 * that ended with a failure reason (MALFORMED_FUNCTION_CALL, …) is thrown as a retryable error,
 * never answered as an empty `end_turn`.
 */
export function fromGeminiResponse(
  response: GeminiGenerateContentResponse,
  context: MessageContext,
): AnthropicMessageResponse {
  const candidate = response.candidates?.[0];
  const failure = candidate && failedFinish(candidate);
  if (failure) throw failure;
  const assembler = new ContentAssembler(context.includeThoughts, (call) =>
    fallbackToolUseId(context.id, call),
  );
  for (const part of candidate?.content?.parts ?? []) assembler.push(part);
  assembler.finish();
  const stopReason = candidate
    ? (toStopReason(candidate.finishReason ?? "STOP", assembler.calledTool) ?? "end_turn")
    : response.promptFeedback?.blockReason
      ? "refusal"
      : "end_turn";
  return {
    id: context.id,
    type: "message",
    role: "assistant",
    content: assembler.blocks,
    model: (context.servedModel && response.modelVersion) || context.model,
    stop_reason: stopReason,
    stop_sequence: null,
    usage: toAnthropicUsage(response.usageMetadata),
  };
}
