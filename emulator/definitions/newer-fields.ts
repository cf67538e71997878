/**
 * Fields the Gemini API accepts that the installed `@google-ai/generativelanguage` protos (4.1.0 still lacks thinking levels)
 * do not have yet. Each one is taken from `@google/genai`'s types (the `genai` entry names the
 * interface member) and is one its request converters send to the Gemini Developer API
 * (`*ToMldev` in node_modules/@google/genai/dist/index.mjs) rather than refuse as Vertex-only.
 * test/emulator/definitions.test.ts checks every `genai` entry still exists in the installed SDK.
 */

export type NewerFieldType =
  | { scalar: "string" | "bool" | "int32" | "bytes" }
  | { message: string }
  | { enum: string }
  | { wellKnown: "Struct" };

export interface NewerField {
  /** Message the field is added to (proto name, nested with dots). */
  message: string;
  /** proto (snake_case) name; the JSON name is its lowerCamelCase. */
  field: string;
  type: NewerFieldType;
  repeated?: boolean;
  oneof?: string;
  /** `Interface.member` in @google/genai's genai.d.ts. */
  genai: string;
}

export interface NewerMessage {
  name: string;
  genai: string;
}

export interface NewerEnum {
  name: string;
  values: readonly string[];
  /** The enum in @google/genai's genai.d.ts with the same values. */
  genai: string;
}

export const NEWER_ENUMS: readonly NewerEnum[] = [
  {
    name: "ThinkingConfig.ThinkingLevel",
    values: ["THINKING_LEVEL_UNSPECIFIED", "MINIMAL", "LOW", "MEDIUM", "HIGH", "XHIGH"],
    genai: "ThinkingLevel",
  },
  {
    name: "Part.MediaResolution.Level",
    values: [
      "MEDIA_RESOLUTION_UNSPECIFIED",
      "MEDIA_RESOLUTION_LOW",
      "MEDIA_RESOLUTION_MEDIUM",
      "MEDIA_RESOLUTION_HIGH",
      "MEDIA_RESOLUTION_ULTRA_HIGH",
    ],
    genai: "PartMediaResolutionLevel",
  },
  {
    /** The SDK sends the values in lower case ("flex"), which enum parsing accepts. */
    name: "ServiceTier",
    values: ["UNSPECIFIED", "FLEX", "STANDARD", "PRIORITY"],
    genai: "ServiceTier",
  },
  {
    name: "ToolType",
    values: [
      "TOOL_TYPE_UNSPECIFIED",
      "GOOGLE_SEARCH_WEB",
      "GOOGLE_SEARCH_IMAGE",
      "URL_CONTEXT",
      "GOOGLE_MAPS",
      "FILE_SEARCH",
      "MEDIA_PROCESSING",
    ],
    genai: "ToolType",
  },
  {
    name: "AudioTranscriptionConfig.Mode",
    values: ["MODE_UNSPECIFIED", "VERBATIM", "SMART"],
    genai: "AudioTranscriptionConfigMode",
  },
];

/** Messages that only exist in the newer API (their fields are listed in NEWER_FIELDS). */
export const NEWER_MESSAGES: readonly NewerMessage[] = [
  { name: "Part.MediaResolution", genai: "PartMediaResolution" },
  { name: "ToolCall", genai: "ToolCall" },
  { name: "ToolResponse", genai: "ToolResponse" },
  { name: "Tool.GoogleSearch.SearchTypes", genai: "SearchTypes" },
  { name: "Tool.GoogleSearch.SearchTypes.WebSearch", genai: "WebSearch" },
  { name: "Tool.GoogleSearch.SearchTypes.ImageSearch", genai: "ImageSearch" },
  { name: "SpeechMetadata", genai: "SpeechMetadata" },
  { name: "AudioTranscriptionConfig", genai: "AudioTranscriptionConfig" },
];

export const NEWER_FIELDS: readonly NewerField[] = [
  /**
   * The fileSearch tool naming File Search stores (ai.google.dev/gemini-api/docs/file-search:
   * `file_search_store_names`), which replaced the protos' retrieval_resources.
   */
  {
    message: "FileSearch",
    field: "file_search_store_names",
    type: { scalar: "string" },
    repeated: true,
    genai: "FileSearch.fileSearchStoreNames",
  },
  {
    message: "FileSearch",
    field: "metadata_filter",
    type: { scalar: "string" },
    genai: "FileSearch.metadataFilter",
  },
  { message: "FileSearch", field: "top_k", type: { scalar: "int32" }, genai: "FileSearch.topK" },
  /**
   * Top-level request fields the SDK's generateContentConfigToMldev moves out of the config:
   * https://ai.google.dev/gemini-api/docs/priority-inference ("set the service_tier field in the
   * request body") and https://ai.google.dev/gemini-api/docs/generate-content/long-decode ("sends
   * the same request again with the token"; base64, per the SDK's remark).
   */
  {
    message: "GenerateContentRequest",
    field: "service_tier",
    type: { enum: "ServiceTier" },
    genai: "GenerateContentConfig.serviceTier",
  },
  {
    message: "GenerateContentRequest",
    field: "continuation_token",
    type: { scalar: "bytes" },
    genai: "GenerateContentConfig.continuationToken",
  },
  {
    message: "GenerateContentRequest",
    field: "store",
    type: { scalar: "bool" },
    genai: "GenerateContentConfig.store",
  },
  {
    message: "ThinkingConfig",
    field: "thinking_level",
    type: { enum: "ThinkingConfig.ThinkingLevel" },
    genai: "ThinkingConfig.thinkingLevel",
  },
  {
    message: "ToolConfig",
    field: "include_server_side_tool_invocations",
    type: { scalar: "bool" },
    genai: "ToolConfig.includeServerSideToolInvocations",
  },
  {
    message: "Part",
    field: "media_resolution",
    type: { message: "Part.MediaResolution" },
    genai: "Part.mediaResolution",
  },
  {
    message: "Part.MediaResolution",
    field: "level",
    type: { enum: "Part.MediaResolution.Level" },
    genai: "PartMediaResolution.level",
  },
  {
    message: "Part",
    field: "tool_call",
    type: { message: "ToolCall" },
    oneof: "data",
    genai: "Part.toolCall",
  },
  {
    message: "Part",
    field: "tool_response",
    type: { message: "ToolResponse" },
    oneof: "data",
    genai: "Part.toolResponse",
  },
  { message: "ToolCall", field: "id", type: { scalar: "string" }, genai: "ToolCall.id" },
  {
    message: "ToolCall",
    field: "tool_type",
    type: { enum: "ToolType" },
    genai: "ToolCall.toolType",
  },
  { message: "ToolCall", field: "args", type: { wellKnown: "Struct" }, genai: "ToolCall.args" },
  { message: "ToolResponse", field: "id", type: { scalar: "string" }, genai: "ToolResponse.id" },
  {
    message: "ToolResponse",
    field: "tool_type",
    type: { enum: "ToolType" },
    genai: "ToolResponse.toolType",
  },
  {
    message: "ToolResponse",
    field: "response",
    type: { wellKnown: "Struct" },
    genai: "ToolResponse.response",
  },
  {
    message: "ImageConfig",
    field: "image_size",
    type: { scalar: "string" },
    genai: "ImageConfig.imageSize",
  },
  {
    message: "Tool.GoogleSearch",
    field: "search_types",
    type: { message: "Tool.GoogleSearch.SearchTypes" },
    genai: "GoogleSearch.searchTypes",
  },
  {
    message: "Tool.GoogleSearch.SearchTypes",
    field: "web_search",
    type: { message: "Tool.GoogleSearch.SearchTypes.WebSearch" },
    genai: "SearchTypes.webSearch",
  },
  {
    message: "Tool.GoogleSearch.SearchTypes",
    field: "image_search",
    type: { message: "Tool.GoogleSearch.SearchTypes.ImageSearch" },
    genai: "SearchTypes.imageSearch",
  },
  // Speech and transcription models (issue 23): style per part, a voice by id, speech to text.
  {
    message: "Part",
    field: "speech_metadata",
    type: { message: "SpeechMetadata" },
    genai: "Part.speechMetadata",
  },
  {
    message: "SpeechMetadata",
    field: "speaker",
    type: { scalar: "string" },
    genai: "SpeechMetadata.speaker",
  },
  {
    message: "SpeechMetadata",
    field: "style",
    type: { scalar: "string" },
    genai: "SpeechMetadata.style",
  },
  {
    message: "VoiceConfig",
    field: "voice",
    type: { scalar: "string" },
    genai: "VoiceConfig.voice",
  },
  {
    message: "GenerationConfig",
    field: "audio_transcription_config",
    type: { message: "AudioTranscriptionConfig" },
    genai: "GenerationConfig.audioTranscriptionConfig",
  },
  {
    message: "AudioTranscriptionConfig",
    field: "language_codes",
    type: { scalar: "string" },
    repeated: true,
    genai: "AudioTranscriptionConfig.languageCodes",
  },
  {
    message: "AudioTranscriptionConfig",
    field: "custom_vocabulary",
    type: { scalar: "string" },
    repeated: true,
    genai: "AudioTranscriptionConfig.customVocabulary",
  },
  {
    message: "AudioTranscriptionConfig",
    field: "word_timestamp",
    type: { scalar: "bool" },
    genai: "AudioTranscriptionConfig.wordTimestamp",
  },
  {
    message: "AudioTranscriptionConfig",
    field: "diarization",
    type: { scalar: "bool" },
    genai: "AudioTranscriptionConfig.diarization",
  },
  {
    message: "AudioTranscriptionConfig",
    field: "mode",
    type: { enum: "AudioTranscriptionConfig.Mode" },
    genai: "AudioTranscriptionConfig.mode",
  },
];
