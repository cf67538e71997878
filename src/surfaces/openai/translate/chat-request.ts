import type { ModelId } from "../../../gemini/model-id.ts";
import { parseModelName } from "../../../gemini/model-name.ts";
import { DEFAULT_SAFETY_SETTINGS } from "../../../gemini/safety-settings.ts";
import { isGemini3, toGeminiThinkingConfig } from "../../../gemini/thinking-config.ts";
import type {
  GeminiGenerateContentRequest,
  GeminiGenerationConfig,
} from "../../../gemini/types.ts";
import { toGeminiSchema } from "../../../schema/json-schema.ts";
import { toGeminiConversation } from "./chat-messages.ts";
import { toGeminiTools } from "./chat-tools.ts";
import type { ResolveImage } from "./content-parts.ts";
import { applyGoogleExtras } from "./google-extras.ts";
import type { GoogleExtras, OpenAIChatRequest } from "./openai-types.ts";

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
}

/** A validated OpenAI chat request → the Gemini model and generateContent body. */
export async function toGeminiRequest(
  request: OpenAIChatRequest,
  options: ToGeminiOptions,
): Promise<GeminiChatCall> {
  const selection = parseModelName(request.model, options.defaultModel);
  const model = selection.model;
  const conversation = await toGeminiConversation(
    request.messages,
    options.resolveImage,
    isGemini3(model),
  );
  const generationConfig = toGenerationConfig(request);
  const thinkingConfig = toGeminiThinkingConfig(model, {
    suffix: selection.thinking,
    reasoningEffort: request.reasoning_effort,
    extras: readThinkingExtras(request.google),
  });
  if (thinkingConfig) generationConfig.thinkingConfig = thinkingConfig;
  const body: GeminiGenerateContentRequest = {
    ...conversation,
    ...toGeminiTools(request, selection.search),
    safetySettings: DEFAULT_SAFETY_SETTINGS.map((setting) => ({ ...setting })),
    ...(Object.keys(generationConfig).length > 0 && { generationConfig }),
  };
  applyGoogleExtras(body, request.google);
  return { model, body, includeThoughts: thinkingConfig?.includeThoughts === true };
}

function toGenerationConfig(request: OpenAIChatRequest): GeminiGenerationConfig {
  const config: GeminiGenerationConfig = {};
  const set = <K extends keyof GeminiGenerationConfig>(key: K, value: unknown) => {
    if (value !== undefined && value !== null) config[key] = value as GeminiGenerationConfig[K];
  };
  set("temperature", request.temperature);
  set("topP", request.top_p);
  set("maxOutputTokens", request.max_completion_tokens ?? request.max_tokens);
  set("candidateCount", request.n);
  set("seed", request.seed);
  set("presencePenalty", request.presence_penalty);
  set("frequencyPenalty", request.frequency_penalty);
  const stop = request.stop;
  if (typeof stop === "string") config.stopSequences = [stop];
  else if (Array.isArray(stop) && stop.length > 0) config.stopSequences = stop;
  const format = request.response_format;
  if (format?.type === "json_object") config.responseMimeType = "application/json";
  if (format?.type === "json_schema") {
    config.responseMimeType = "application/json";
    if (format.json_schema.schema)
      config.responseSchema = toGeminiSchema(format.json_schema.schema);
  }
  return config;
}

function readThinkingExtras(google: GoogleExtras | undefined) {
  if (!google) return undefined;
  return google.thinking_config ?? (google.thinkingConfig as GoogleExtras["thinking_config"]);
}
