import { failedFinish } from "../../../gemini/finish-reasons.ts";
import type { GeminiGenerateContentResponse } from "../../../gemini/types.ts";
import type { AnthropicMessageResponse } from "./anthropic-types.ts";
import { type BlockIds, ContentAssembler } from "./content-assembler.ts";
import { toStopDetails, toStopReason } from "./stop-reason.ts";
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
  `toolu_${idStem(messageId)}_${call}`;

/** Ids of server tool uses (Gemini's searches and code runs), `srvtoolu_…` as Anthropic's. */
export const serverToolUseId = (messageId: string, call: number) =>
  `srvtoolu_${idStem(messageId)}_${call}`;

const idStem = (messageId: string) => messageId.replace(/[^A-Za-z0-9]/g, "").slice(-24);

export const blockIds = (messageId: string): BlockIds => ({
  toolUse: (call) => fallbackToolUseId(messageId, call),
  serverToolUse: (call) => serverToolUseId(messageId, call),
});

/**
 * A Gemini generateContent response → an Anthropic message (the first candidate). A candidate
 * that ended with a failure reason (MALFORMED_FUNCTION_CALL, …) is thrown as a retryable error,
 * never answered as an empty `end_turn`. Searches Google Search grounding ran come first, as
 * Anthropic orders them, and their citations go on the text they support. Fields Anthropic's
 * Message requires that Gemini has nothing for are null: `container` (Gemini's code execution
 * sandbox has no id or expiry a client could send back), `diagnostics` (prompt-cache
 * divergence, which the gateway does not track).
 */
export function fromGeminiResponse(
  response: GeminiGenerateContentResponse,
  context: MessageContext,
): AnthropicMessageResponse {
  const candidate = response.candidates?.[0];
  const failure = candidate && failedFinish(candidate);
  if (failure) throw failure;
  const assembler = new ContentAssembler(context.includeThoughts, blockIds(context.id));
  const grounding = candidate?.groundingMetadata;
  if (grounding) assembler.showSearches(grounding);
  for (const part of candidate?.content?.parts ?? []) assembler.push(part);
  if (grounding) assembler.cite(grounding, true);
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
    stop_details: toStopDetails(
      stopReason,
      candidate?.finishMessage ?? response.promptFeedback?.blockReasonMessage,
    ),
    container: null,
    diagnostics: null,
    usage: toAnthropicUsage(response.usageMetadata, assembler.serverToolUsage),
  };
}
