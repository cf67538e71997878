/**
 * Gemini REST (v1beta) wire shapes, camelCase as the JSON is sent and received. Plain interfaces on
 * purpose: the @google/genai SDK types describe SDK objects (classes with getters), not the JSON.
 */

export interface GeminiBlob {
  mimeType: string;
  /** base64 */
  data: string;
}

export interface GeminiFunctionCall {
  id?: string;
  name: string;
  args?: Record<string, unknown>;
}

export interface GeminiFunctionResponse {
  id?: string;
  name: string;
  /** Must be a JSON object. */
  response: Record<string, unknown>;
}

/** Exactly one data field (text, inlineData, fileData, functionCall, functionResponse, ...) per part. */
export interface GeminiPart {
  text?: string;
  inlineData?: GeminiBlob;
  fileData?: { mimeType?: string; fileUri: string };
  functionCall?: GeminiFunctionCall;
  functionResponse?: GeminiFunctionResponse;
  executableCode?: { language?: string; code: string };
  codeExecutionResult?: { outcome?: string; output?: string };
  thought?: boolean;
  /** base64 */
  thoughtSignature?: string;
  /** Gemini 3 and 4: this media part's resolution (part-media-resolution.ts). */
  mediaResolution?: { level?: GeminiPartMediaResolution };
}

/** Part.MediaResolution.Level; ULTRA_HIGH exists only per part. */
export type GeminiPartMediaResolution =
  | "MEDIA_RESOLUTION_LOW"
  | "MEDIA_RESOLUTION_MEDIUM"
  | "MEDIA_RESOLUTION_HIGH"
  | "MEDIA_RESOLUTION_ULTRA_HIGH";

export interface GeminiContent {
  role?: "user" | "model";
  parts: GeminiPart[];
}

export type GeminiSchemaType =
  | "STRING"
  | "NUMBER"
  | "INTEGER"
  | "BOOLEAN"
  | "ARRAY"
  | "OBJECT"
  | "NULL";

/** The OpenAPI subset Gemini accepts in `parameters` and `responseSchema`; nothing else. */
export interface GeminiSchema {
  type?: GeminiSchemaType;
  format?: string;
  title?: string;
  description?: string;
  nullable?: boolean;
  enum?: string[];
  maxItems?: number;
  minItems?: number;
  properties?: Record<string, GeminiSchema>;
  required?: string[];
  minProperties?: number;
  maxProperties?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  example?: unknown;
  anyOf?: GeminiSchema[];
  propertyOrdering?: string[];
  default?: unknown;
  items?: GeminiSchema;
  minimum?: number;
  maximum?: number;
}

export interface GeminiFunctionDeclaration {
  name: string;
  description?: string;
  parameters?: GeminiSchema;
  /** JSON Schema, for the models that take it (src/schema/schema-mode.ts). */
  parametersJsonSchema?: Record<string, unknown>;
}

export interface GeminiTool {
  functionDeclarations?: GeminiFunctionDeclaration[];
  googleSearch?: Record<string, never>;
  codeExecution?: Record<string, never>;
  urlContext?: Record<string, never>;
  /** File Search over the named stores (ai.google.dev/gemini-api/docs/file-search). */
  fileSearch?: { fileSearchStoreNames: string[]; topK?: number };
}

export type GeminiFunctionCallingMode = "AUTO" | "ANY" | "NONE";

export interface GeminiToolConfig {
  functionCallingConfig?: { mode: GeminiFunctionCallingMode; allowedFunctionNames?: string[] };
  /** Gemini 3: server-side tools (googleSearch) next to function declarations. */
  includeServerSideToolInvocations?: boolean;
}

/** The protos' canonical spelling (the API also takes lower case). */
export type GeminiThinkingLevel = "MINIMAL" | "LOW" | "MEDIUM" | "HIGH" | "XHIGH";

export interface GeminiThinkingConfig {
  includeThoughts?: boolean;
  thinkingBudget?: number;
  thinkingLevel?: GeminiThinkingLevel;
}

export interface GeminiGenerationConfig {
  stopSequences?: string[];
  responseMimeType?: string;
  responseSchema?: GeminiSchema;
  responseJsonSchema?: Record<string, unknown>;
  responseModalities?: string[];
  candidateCount?: number;
  maxOutputTokens?: number;
  temperature?: number;
  topP?: number;
  topK?: number;
  seed?: number;
  presencePenalty?: number;
  frequencyPenalty?: number;
  thinkingConfig?: GeminiThinkingConfig;
  mediaResolution?: string;
  /** TTS voice (src/surfaces/openai/audio/to-gemini-speech.ts). */
  speechConfig?: {
    voiceConfig?: { prebuiltVoiceConfig?: { voiceName: string }; voice?: string };
  };
  /** Image shape (src/surfaces/openai/images/to-gemini-image.ts, src/gemini/image-models.ts). */
  imageConfig?: { aspectRatio?: string; imageSize?: string };
  /** Speech to text (src/surfaces/openai/audio/to-gemini-transcription.ts). */
  audioTranscriptionConfig?: {
    languageCodes?: string[];
    customVocabulary?: string[];
    wordTimestamp?: boolean;
  };
  responseLogprobs?: boolean;
  /** How many top candidates per step, with responseLogprobs. */
  logprobs?: number;
  [field: string]: unknown;
}

export interface GeminiSafetySetting {
  category: string;
  threshold: string;
}

export interface GeminiGenerateContentRequest {
  contents: GeminiContent[];
  systemInstruction?: GeminiContent;
  tools?: GeminiTool[];
  toolConfig?: GeminiToolConfig;
  safetySettings?: GeminiSafetySetting[];
  generationConfig?: GeminiGenerationConfig;
  cachedContent?: string;
  /** Top level, lower case as @google/genai sends it (https://ai.google.dev/gemini-api/docs/priority-inference). */
  serviceTier?: GeminiServiceTier;
  /** Long decode: the previous hop's token, with the request otherwise unchanged. */
  continuationToken?: string;
}

/** ServiceTier of @google/genai (UNSPECIFIED is the default, standard). */
export type GeminiServiceTier = "flex" | "standard" | "priority";

export interface GeminiUsageMetadata {
  promptTokenCount?: number;
  candidatesTokenCount?: number;
  totalTokenCount?: number;
  thoughtsTokenCount?: number;
  cachedContentTokenCount?: number;
  toolUsePromptTokenCount?: number;
  /** The tier that served the request (UsageMetadata.serviceTier in @google/genai). */
  serviceTier?: string;
  promptTokensDetails?: GeminiModalityTokenCount[];
  candidatesTokensDetails?: GeminiModalityTokenCount[];
  cacheTokensDetails?: GeminiModalityTokenCount[];
  toolUsePromptTokensDetails?: GeminiModalityTokenCount[];
}

export interface GeminiModalityTokenCount {
  modality?: string;
  tokenCount?: number;
}

export interface GeminiLogprobsCandidate {
  token?: string;
  tokenId?: number;
  logProbability?: number;
}

export interface GeminiLogprobsResult {
  /** One per decoding step. */
  chosenCandidates?: GeminiLogprobsCandidate[];
  /** One per decoding step, each sorted by log probability, descending. */
  topCandidates?: { candidates?: GeminiLogprobsCandidate[] }[];
  logProbabilitySum?: number;
}

export interface GeminiGroundingMetadata {
  groundingChunks?: { web?: { uri?: string; title?: string } }[];
  groundingSupports?: {
    /** startIndex/endIndex are UTF-8 byte offsets into the candidate's text. */
    segment?: { partIndex?: number; startIndex?: number; endIndex?: number; text?: string };
    groundingChunkIndices?: number[];
  }[];
  webSearchQueries?: string[];
}

export interface GeminiCandidate {
  index?: number;
  content?: { role?: string; parts?: GeminiPart[] };
  finishReason?: string;
  finishMessage?: string;
  safetyRatings?: unknown[];
  groundingMetadata?: GeminiGroundingMetadata;
  logprobsResult?: GeminiLogprobsResult;
  avgLogprobs?: number;
  /** Long decode: with finishReason CONTINUATION (or on a stream's checkpoint events). */
  continuationToken?: string;
}

/**
 * ModelStatus of @google/genai: the lifecycle of the model that answered (not sent by Vertex).
 * Stages: MODEL_STAGE_UNSPECIFIED, UNSTABLE_EXPERIMENTAL, EXPERIMENTAL, PREVIEW, STABLE, LEGACY,
 * DEPRECATED, RETIRED.
 */
export interface GeminiModelStatus {
  modelStage?: string;
  /** RFC 3339. */
  retirementTime?: string;
  message?: string;
}

export interface GeminiGenerateContentResponse {
  candidates?: GeminiCandidate[];
  promptFeedback?: { blockReason?: string; blockReasonMessage?: string; safetyRatings?: unknown[] };
  usageMetadata?: GeminiUsageMetadata;
  modelVersion?: string;
  responseId?: string;
  modelStatus?: GeminiModelStatus;
}

export interface GeminiEmbedContentRequest {
  /** `models/<id>` */
  model: string;
  content: { parts: { text: string }[] };
  taskType?: string;
  title?: string;
  outputDimensionality?: number;
}

export interface GeminiBatchEmbedRequest {
  requests: GeminiEmbedContentRequest[];
}

export interface GeminiBatchEmbedResponse {
  embeddings?: { values?: number[] }[];
  usageMetadata?: { promptTokenCount?: number; totalTokenCount?: number };
}

export interface GeminiModel {
  /** `models/<id>` */
  name: string;
  baseModelId?: string;
  version?: string;
  displayName?: string;
  description?: string;
  inputTokenLimit?: number;
  outputTokenLimit?: number;
  supportedGenerationMethods?: string[];
  thinking?: boolean;
}
