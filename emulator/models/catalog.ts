/** The models the emulator knows, shaped like the real `models.list` entries. */

export interface GeminiModel {
  name: string;
  baseModelId: string;
  version: string;
  displayName: string;
  description: string;
  inputTokenLimit: number;
  outputTokenLimit: number;
  supportedGenerationMethods: string[];
  temperature?: number;
  topP?: number;
  topK?: number;
  maxTemperature?: number;
  thinking?: boolean;
}

const GENERATE_METHODS = [
  "generateContent",
  "countTokens",
  "createCachedContent",
  "batchGenerateContent",
];

function chatModel(
  id: string,
  displayName: string,
  version: string,
  outputTokenLimit: number,
  thinking: boolean,
  description: string,
): GeminiModel {
  return {
    name: `models/${id}`,
    baseModelId: id,
    version,
    displayName,
    description,
    inputTokenLimit: 1048576,
    outputTokenLimit,
    supportedGenerationMethods: GENERATE_METHODS,
    temperature: 1,
    topP: 0.95,
    topK: 64,
    maxTemperature: 2,
    ...(thinking ? { thinking: true } : {}),
  };
}

function embeddingModel(id: string, displayName: string, version: string, methods: string[]) {
  return {
    name: `models/${id}`,
    baseModelId: id,
    version,
    displayName,
    description: "Obtain a distributed representation of a text.",
    inputTokenLimit: 2048,
    outputTokenLimit: 1,
    supportedGenerationMethods: methods,
  } satisfies GeminiModel;
}

export const MODELS: readonly GeminiModel[] = [
  chatModel("gemini-2.0-flash", "Gemini 2.0 Flash", "2.0", 8192, false, "Gemini 2.0 Flash"),
  chatModel(
    "gemini-2.0-flash-lite",
    "Gemini 2.0 Flash-Lite",
    "2.0",
    8192,
    false,
    "Gemini 2.0 Flash-Lite",
  ),
  chatModel(
    "gemini-2.5-flash",
    "Gemini 2.5 Flash",
    "001",
    65536,
    true,
    "Stable version of Gemini 2.5 Flash, our mid-size multimodal model that supports up to 1 million tokens, released in June of 2025.",
  ),
  chatModel(
    "gemini-2.5-flash-lite",
    "Gemini 2.5 Flash-Lite",
    "001",
    65536,
    true,
    "Stable version of Gemini 2.5 Flash-Lite, released in July of 2025",
  ),
  chatModel(
    "gemini-2.5-pro",
    "Gemini 2.5 Pro",
    "2.5",
    65536,
    true,
    "Stable release (June 17th, 2025) of Gemini 2.5 Pro",
  ),
  chatModel(
    "gemini-3-pro-preview",
    "Gemini 3 Pro Preview",
    "3-pro-preview-11-2025",
    65536,
    true,
    "Gemini 3 Pro Preview",
  ),
  chatModel(
    "gemini-3-flash-preview",
    "Gemini 3 Flash Preview",
    "3-flash-preview-12-2025",
    65536,
    true,
    "Gemini 3 Flash Preview",
  ),
  embeddingModel("gemini-embedding-001", "Gemini Embedding 001", "001", [
    "embedContent",
    "countTextTokens",
    "countTokens",
    "asyncBatchEmbedContent",
  ]),
  embeddingModel("text-embedding-004", "Text Embedding 004", "004", ["embedContent"]),
];

export function findModel(id: string): GeminiModel | undefined {
  const bare = id.startsWith("models/") ? id.slice("models/".length) : id;
  return MODELS.find((model) => model.baseModelId === bare);
}

export const supports = (model: GeminiModel, method: string) =>
  model.supportedGenerationMethods.includes(method) ||
  (method === "streamGenerateContent" &&
    model.supportedGenerationMethods.includes("generateContent")) ||
  (method === "batchEmbedContents" && model.supportedGenerationMethods.includes("embedContent"));

export const isGemini3 = (model: GeminiModel) => model.baseModelId.startsWith("gemini-3");
export const isGemini25 = (model: GeminiModel) => model.baseModelId.startsWith("gemini-2.5");

/** Embedding width before `outputDimensionality`. */
export const embeddingSize = (model: GeminiModel) =>
  model.baseModelId === "text-embedding-004" ? 768 : 3072;
