import { failedFinish } from "../../../gemini/finish-reasons.ts";
import type { GeminiCandidate, GeminiGenerateContentResponse } from "../../../gemini/types.ts";
import {
  fallbackCallId,
  type OpenAIImage,
  type OpenAIToolCall,
  translatePart,
} from "./candidate-parts.ts";
import { mapGeminiFinishReason } from "./finish-reason.ts";
import { toUrlCitations } from "./grounding.ts";
import { fromGeminiLogprobs } from "./logprobs.ts";
import type { OpenAIChatCompletion, OpenAIChatMessage } from "./openai-types.ts";
import { fromGeminiServiceTier } from "./service-tier.ts";
import { fromGeminiUsage } from "./usage.ts";

export interface ResponseContext {
  id: string;
  /** The model name the client asked for; Gemini's modelVersion replaces it when present. */
  model: string;
  created: number;
  includeThoughts: boolean;
  /** Names of the client's `custom` tools (their calls go back as custom tool calls). */
  customTools?: ReadonlySet<string>;
}

type Choice = OpenAIChatCompletion["choices"][number];

/**
 * A Gemini generateContent response → an OpenAI chat completion, one choice per candidate, `model`
 * being the model that answered (modelVersion). A candidate that ended in a failure reason
 * (MALFORMED_FUNCTION_CALL, …) makes the whole answer a retryable error: thrown, as an ApiError.
 */
export function fromGeminiResponse(
  response: GeminiGenerateContentResponse,
  context: ResponseContext,
): OpenAIChatCompletion {
  const candidates = response.candidates ?? [];
  for (const candidate of candidates) {
    const failure = failedFinish(candidate);
    if (failure) throw failure;
  }
  const choices: Choice[] =
    candidates.length > 0
      ? candidates.map((candidate, position) => toChoice(candidate, position, context))
      : [emptyChoice(response.promptFeedback?.blockReason ? "content_filter" : "stop")];
  const completion: OpenAIChatCompletion = {
    id: context.id,
    object: "chat.completion",
    created: context.created,
    model: response.modelVersion || context.model,
    choices,
  };
  const usage = fromGeminiUsage(response.usageMetadata);
  if (usage) completion.usage = usage;
  const serviceTier = fromGeminiServiceTier(response.usageMetadata);
  if (serviceTier) completion.service_tier = serviceTier;
  return completion;
}

function toChoice(candidate: GeminiCandidate, position: number, context: ResponseContext): Choice {
  const index = candidate.index ?? position;
  let content = "";
  let reasoning = "";
  const toolCalls: OpenAIToolCall[] = [];
  const images: OpenAIImage[] = [];
  for (const part of candidate.content?.parts ?? []) {
    const translated = translatePart(part, context, () =>
      fallbackCallId(context.id, index, toolCalls.length),
    );
    if (translated?.kind === "content") content += translated.text;
    else if (translated?.kind === "reasoning") reasoning += translated.text;
    else if (translated?.kind === "tool_call") toolCalls.push(translated.call);
    else if (translated?.kind === "image") images.push(translated.image);
  }
  const message: OpenAIChatMessage = {
    role: "assistant",
    content: content === "" && toolCalls.length > 0 ? null : content,
    refusal: null,
  };
  if (reasoning !== "") message.reasoning_content = reasoning;
  if (toolCalls.length > 0) message.tool_calls = toolCalls;
  if (images.length > 0) message.images = images;
  const annotations = toUrlCitations(candidate.groundingMetadata, content);
  if (annotations.length > 0) message.annotations = annotations;
  const finish =
    toolCalls.length > 0 ? "tool_calls" : (mapGeminiFinishReason(candidate.finishReason) ?? "stop");
  const logprobs = fromGeminiLogprobs(candidate.logprobsResult);
  return {
    index,
    message,
    finish_reason: finish,
    logprobs: logprobs ? { content: logprobs, refusal: null } : null,
  };
}

/** No candidates: Gemini blocked the prompt itself (promptFeedback.blockReason) or said nothing. */
function emptyChoice(finish: Choice["finish_reason"]): Choice {
  return {
    index: 0,
    message: { role: "assistant", content: "", refusal: null },
    finish_reason: finish,
    logprobs: null,
  };
}
