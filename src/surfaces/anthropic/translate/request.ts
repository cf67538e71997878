import { badRequest } from "../../../../common/api-error.ts";
import { modelCapabilities } from "../../../gemini/model-capabilities.ts";
import type { ModelId } from "../../../gemini/model-id.ts";
import { checkOutputTokens } from "../../../gemini/model-limits.ts";
import type { ModelSelection } from "../../../gemini/model-name.ts";
import { DEFAULT_SAFETY_SETTINGS } from "../../../gemini/safety-settings.ts";
import type {
  GeminiGenerateContentRequest,
  GeminiGenerationConfig,
} from "../../../gemini/types.ts";
import type {
  AnthropicCountTokensRequest,
  AnthropicMessagesRequest,
} from "../validate/messages-request.ts";
import type { ResolveImage } from "./content-blocks.ts";
import { toGeminiConversation } from "./messages.ts";
import { toResponseFormat } from "./output-format.ts";
import { toGeminiServiceTier } from "./service-tier.ts";
import { toThinkingConfig } from "./thinking.ts";
import { toGeminiTools } from "./tools.ts";

export interface GeminiMessagesCall {
  model: ModelId;
  body: GeminiGenerateContentRequest;
  /** Whether thought text comes back as thinking blocks. */
  includeThoughts: boolean;
}

/** Gemini accepts at most five stop sequences. */
const MAX_STOP_SEQUENCES = 5;

/** A validated Messages request → the Gemini model and generateContent body. */
export async function toGeminiRequest(
  request: AnthropicMessagesRequest,
  selection: ModelSelection,
  resolveImage: ResolveImage,
): Promise<GeminiMessagesCall> {
  const body = await toGeminiPrompt(request, selection, resolveImage);
  const generationConfig: GeminiGenerationConfig = {};
  // Above the model's limit (the model table) is a 400 naming max_tokens, before any call.
  checkOutputTokens(selection.model, request.max_tokens, "max_tokens");
  generationConfig.maxOutputTokens = request.max_tokens;
  if (typeof request.temperature === "number") generationConfig.temperature = request.temperature;
  if (typeof request.top_p === "number") generationConfig.topP = request.top_p;
  if (typeof request.top_k === "number" && request.top_k > 0) generationConfig.topK = request.top_k;
  const stops = (request.stop_sequences ?? []).filter((stop) => stop !== "");
  if (stops.length > MAX_STOP_SEQUENCES) throw badStopSequences();
  if (stops.length > 0) generationConfig.stopSequences = stops;
  Object.assign(generationConfig, toResponseFormat(request, selection.model));
  const thinkingConfig = toThinkingConfig(selection, request.thinking, request.output_config);
  if (thinkingConfig) generationConfig.thinkingConfig = thinkingConfig;
  body.safetySettings = DEFAULT_SAFETY_SETTINGS.map((setting) => ({ ...setting }));
  if (Object.keys(generationConfig).length > 0) body.generationConfig = generationConfig;
  const serviceTier = toGeminiServiceTier(request.service_tier);
  if (serviceTier) body.serviceTier = serviceTier;
  return {
    model: selection.model,
    body,
    includeThoughts: thinkingConfig?.includeThoughts === true,
  };
}

/** The prompt part of a request (conversation, system, tools): what generateContent and countTokens share. */
export async function toGeminiPrompt(
  request: AnthropicCountTokensRequest,
  selection: ModelSelection,
  resolveImage: ResolveImage,
): Promise<GeminiGenerateContentRequest> {
  const conversation = await toGeminiConversation(
    request.system,
    request.messages,
    resolveImage,
    modelCapabilities(selection.model).thoughtSignatures,
  );
  return {
    ...conversation,
    ...toGeminiTools(request.tools, request.tool_choice, selection.model, selection.search),
  };
}

const badStopSequences = () =>
  badRequest(
    "stop_sequences",
    `stop_sequences: Gemini accepts at most ${MAX_STOP_SEQUENCES} non-empty stop sequences.`,
  );
