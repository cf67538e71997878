import { modelCapabilities } from "../../../gemini/model-capabilities.ts";
import type { ModelId } from "../../../gemini/model-id.ts";
import { checkOutputTokens } from "../../../gemini/model-limits.ts";
import { parseModelName } from "../../../gemini/model-name.ts";
import { DEFAULT_SAFETY_SETTINGS } from "../../../gemini/safety-settings.ts";
import type {
  GeminiGenerateContentRequest,
  GeminiGenerationConfig,
} from "../../../gemini/types.ts";
import { toGeminiResponseSchema } from "../../../schema/gemini-schema.ts";
import { toGeminiConversation } from "./chat-messages.ts";
import { toChatThinkingConfig } from "./chat-thinking.ts";
import { toGeminiTools } from "./chat-tools.ts";
import type { ResolveImage } from "./content-parts.ts";
import { applyGoogleExtras } from "./google-extras.ts";
import type { OpenAIChatRequest } from "./openai-types.ts";
import { toGeminiServiceTier } from "./service-tier.ts";

export type { InlineMedia } from "./content-parts.ts";

export interface ToGeminiOptions {
  defaultModel: string;
  /** Fetches a remote (http/https) image_url; the caller implements it with SSRF protection. */
  resolveImage: ResolveImage;
}

export interface GeminiChatCall {
  /** Gemini model id, without `models/`, checked by the model-id grammar. */
  model: ModelId;
  /** Ready to POST. */
  body: GeminiGenerateContentRequest;
  /** Whether thoughts go to `reasoning_content`. */
  includeThoughts: boolean;
  /** The client's `custom` tools, whose calls go back as custom tool calls. */
  customTools: ReadonlySet<string>;
}

/** A validated OpenAI chat request → the Gemini model and generateContent body. */
export async function toGeminiRequest(
  request: OpenAIChatRequest,
  options: ToGeminiOptions,
): Promise<GeminiChatCall> {
  const selection = parseModelName(request.model, options.defaultModel);
  const model = selection.model;
  const capabilities = modelCapabilities(model);
  const conversation = await toGeminiConversation(request.messages, options.resolveImage, {
    requireSignatures: capabilities.thoughtSignatures,
    systemInstruction: capabilities.systemInstruction,
  });
  const generationConfig = toGenerationConfig(request, model);
  const thinkingConfig = toChatThinkingConfig(selection, request);
  if (thinkingConfig) generationConfig.thinkingConfig = thinkingConfig;
  const { customTools, ...tools } = toGeminiTools(request, selection.search, model);
  const body: GeminiGenerateContentRequest = {
    ...conversation,
    ...tools,
    safetySettings: DEFAULT_SAFETY_SETTINGS.map((setting) => ({ ...setting })),
    ...(Object.keys(generationConfig).length > 0 && { generationConfig }),
  };
  const serviceTier = toGeminiServiceTier(request.service_tier);
  if (serviceTier) body.serviceTier = serviceTier;
  applyGoogleExtras(body, request.google);
  if (body.cachedContent) leaveToCache(body);
  return {
    model,
    body,
    includeThoughts: thinkingConfig?.includeThoughts === true,
    customTools,
  };
}

/**
 * A request naming `cachedContent` may not also carry systemInstruction, tools or toolConfig: they
 * live in the cache ("CachedContent can not be used with GenerateContent request setting
 * system_instruction, tools or tool_config." — https://ai.google.dev/gemini-api/docs/caching).
 */
function leaveToCache(body: GeminiGenerateContentRequest) {
  delete body.systemInstruction;
  delete body.tools;
  delete body.toolConfig;
}

function toGenerationConfig(request: OpenAIChatRequest, model: string): GeminiGenerationConfig {
  const config: GeminiGenerationConfig = {};
  const set = <K extends keyof GeminiGenerationConfig>(key: K, value: unknown) => {
    if (value !== undefined && value !== null) config[key] = value as GeminiGenerationConfig[K];
  };
  set("temperature", request.temperature);
  set("topP", request.top_p);
  const maxTokensParam =
    request.max_completion_tokens != null ? "max_completion_tokens" : "max_tokens";
  checkOutputTokens(model, request.max_completion_tokens ?? request.max_tokens, maxTokensParam);
  set("maxOutputTokens", request.max_completion_tokens ?? request.max_tokens);
  set("candidateCount", request.n);
  set("seed", request.seed);
  set("presencePenalty", request.presence_penalty);
  set("frequencyPenalty", request.frequency_penalty);
  if (request.logprobs) config.responseLogprobs = true;
  set("logprobs", request.logprobs ? request.top_logprobs : undefined);
  const stop = request.stop;
  if (typeof stop === "string") config.stopSequences = [stop];
  else if (Array.isArray(stop) && stop.length > 0) config.stopSequences = stop;
  const format = request.response_format;
  if (format?.type === "json_object") config.responseMimeType = "application/json";
  if (format?.type === "json_schema") {
    config.responseMimeType = "application/json";
    if (format.json_schema.schema) {
      Object.assign(
        config,
        toGeminiResponseSchema(format.json_schema.schema, {
          model,
          param: "response_format.json_schema.schema",
        }),
      );
    }
  }
  return config;
}
