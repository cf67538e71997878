import { CONTENT, mediaResolutionEnum } from "./content-messages.ts";
import {
  bool,
  enumOf,
  enumType,
  float,
  int32,
  type MessageType,
  message,
  messageOf,
  repeated,
  string,
  value,
} from "./proto-types.ts";
import { SCHEMA, TOOL, TOOL_CONFIG } from "./tool-messages.ts";

/** The request messages of the v1beta generate, embed and count endpoints. */

/** Categories of the old PaLM models: valid enum values, but refused by Gemini models. */
export const PALM_HARM_CATEGORIES: readonly string[] = [
  "HARM_CATEGORY_UNSPECIFIED",
  "HARM_CATEGORY_DEROGATORY",
  "HARM_CATEGORY_TOXICITY",
  "HARM_CATEGORY_VIOLENCE",
  "HARM_CATEGORY_SEXUAL",
  "HARM_CATEGORY_MEDICAL",
  "HARM_CATEGORY_DANGEROUS",
];

export const HARM_CATEGORY = enumType("HarmCategory", [
  ...PALM_HARM_CATEGORIES,
  "HARM_CATEGORY_HARASSMENT",
  "HARM_CATEGORY_HATE_SPEECH",
  "HARM_CATEGORY_SEXUALLY_EXPLICIT",
  "HARM_CATEGORY_DANGEROUS_CONTENT",
  "HARM_CATEGORY_CIVIC_INTEGRITY",
]);

const SAFETY_SETTING = message("SafetySetting", {
  category: enumOf(HARM_CATEGORY),
  threshold: enumOf(
    enumType("SafetySetting.HarmBlockThreshold", [
      "HARM_BLOCK_THRESHOLD_UNSPECIFIED",
      "BLOCK_LOW_AND_ABOVE",
      "BLOCK_MEDIUM_AND_ABOVE",
      "BLOCK_ONLY_HIGH",
      "BLOCK_NONE",
      "OFF",
    ]),
  ),
});

const VOICE_CONFIG = message("VoiceConfig", {
  prebuilt_voice_config: messageOf(() => message("PrebuiltVoiceConfig", { voice_name: string() })),
});
const SPEECH_CONFIG = message("SpeechConfig", {
  voice_config: messageOf(() => VOICE_CONFIG),
  multi_speaker_voice_config: messageOf(() =>
    message("MultiSpeakerVoiceConfig", {
      speaker_voice_configs: repeated(
        messageOf(() =>
          message("SpeakerVoiceConfig", {
            speaker: string(),
            voice_config: messageOf(() => VOICE_CONFIG),
          }),
        ),
      ),
    }),
  ),
  language_code: string(),
});

export const THINKING_LEVEL = enumType("ThinkingConfig.ThinkingLevel", [
  "THINKING_LEVEL_UNSPECIFIED",
  "MINIMAL",
  "LOW",
  "MEDIUM",
  "HIGH",
]);

const THINKING_CONFIG = message("ThinkingConfig", {
  include_thoughts: bool(),
  thinking_budget: int32(),
  thinking_level: enumOf(THINKING_LEVEL),
});

const GENERATION_CONFIG = message("GenerationConfig", {
  candidate_count: int32(),
  stop_sequences: repeated(string()),
  max_output_tokens: int32(),
  temperature: float(),
  top_p: float(),
  top_k: int32(),
  seed: int32(),
  response_mime_type: string(),
  response_schema: messageOf(() => SCHEMA),
  response_json_schema: value(),
  response_modalities: repeated(
    enumOf(
      enumType("GenerationConfig.Modality", ["MODALITY_UNSPECIFIED", "TEXT", "IMAGE", "AUDIO"]),
    ),
  ),
  presence_penalty: float(),
  frequency_penalty: float(),
  response_logprobs: bool(),
  logprobs: int32(),
  enable_enhanced_civic_answers: bool(),
  speech_config: messageOf(() => SPEECH_CONFIG),
  thinking_config: messageOf(() => THINKING_CONFIG),
  image_config: messageOf(() =>
    message("ImageConfig", { aspect_ratio: string(), image_size: string() }),
  ),
  media_resolution: enumOf(mediaResolutionEnum),
});

export const GENERATE_CONTENT_REQUEST: MessageType = message("GenerateContentRequest", {
  model: string(),
  contents: repeated(messageOf(() => CONTENT)),
  tools: repeated(messageOf(() => TOOL)),
  tool_config: messageOf(() => TOOL_CONFIG),
  safety_settings: repeated(messageOf(() => SAFETY_SETTING)),
  system_instruction: messageOf(() => CONTENT),
  generation_config: messageOf(() => GENERATION_CONFIG),
  cached_content: string(),
});

export const TASK_TYPE = enumType("TaskType", [
  "TASK_TYPE_UNSPECIFIED",
  "RETRIEVAL_QUERY",
  "RETRIEVAL_DOCUMENT",
  "SEMANTIC_SIMILARITY",
  "CLASSIFICATION",
  "CLUSTERING",
  "QUESTION_ANSWERING",
  "FACT_VERIFICATION",
  "CODE_RETRIEVAL_QUERY",
]);

export const EMBED_CONTENT_REQUEST: MessageType = message("EmbedContentRequest", {
  model: string(),
  content: messageOf(() => CONTENT),
  task_type: enumOf(TASK_TYPE),
  title: string(),
  output_dimensionality: int32(),
});

export const BATCH_EMBED_CONTENTS_REQUEST: MessageType = message("BatchEmbedContentsRequest", {
  requests: repeated(messageOf(() => EMBED_CONTENT_REQUEST)),
});

export const COUNT_TOKENS_REQUEST: MessageType = message("CountTokensRequest", {
  contents: repeated(messageOf(() => CONTENT)),
  generate_content_request: messageOf(() => GENERATE_CONTENT_REQUEST),
});
