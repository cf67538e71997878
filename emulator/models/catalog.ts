/**
 * The models the emulator knows, shaped like the real `models.list` entries (names as listed by the
 * Gemini API's models.list; limits as its model pages give them). Rules that depend on the model
 * family read `traits.ts`.
 */

import { GEMINI_CLI_MODELS } from "./cli-models.ts";
import { MEDIA_MODELS } from "./media-models.ts";

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

const GEMINI_METHODS = [
  "generateContent",
  "countTokens",
  "createCachedContent",
  "batchGenerateContent",
];
const IMAGE_METHODS = ["generateContent", "countTokens", "batchGenerateContent"];
const GEMMA_METHODS = ["generateContent", "countTokens"];

interface ChatModelSpec {
  id: string;
  displayName: string;
  version: string;
  description: string;
  input?: number;
  output: number;
  thinking?: boolean;
  methods?: string[];
  topK?: number;
}

function chatModel(spec: ChatModelSpec): GeminiModel {
  return {
    name: `models/${spec.id}`,
    baseModelId: spec.id,
    version: spec.version,
    displayName: spec.displayName,
    description: spec.description,
    inputTokenLimit: spec.input ?? 1048576,
    outputTokenLimit: spec.output,
    supportedGenerationMethods: spec.methods ?? GEMINI_METHODS,
    temperature: 1,
    topP: 0.95,
    topK: spec.topK ?? 64,
    maxTemperature: 2,
    ...(spec.thinking ? { thinking: true } : {}),
  };
}

function gemma(id: string, displayName: string, input: number, output: number): GeminiModel {
  const model = chatModel({
    id,
    displayName,
    version: "001",
    description: "",
    input,
    output,
    methods: GEMMA_METHODS,
  });
  delete model.maxTemperature;
  return model;
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
  chatModel({
    id: "gemini-2.0-flash",
    displayName: "Gemini 2.0 Flash",
    version: "2.0",
    description: "Gemini 2.0 Flash",
    output: 8192,
    topK: 40,
  }),
  chatModel({
    id: "gemini-2.0-flash-lite",
    displayName: "Gemini 2.0 Flash-Lite",
    version: "2.0",
    description: "Gemini 2.0 Flash-Lite",
    output: 8192,
    topK: 40,
  }),
  chatModel({
    id: "gemini-2.5-flash",
    displayName: "Gemini 2.5 Flash",
    version: "001",
    description:
      "Stable version of Gemini 2.5 Flash, our mid-size multimodal model that supports up to 1 million tokens, released in June of 2025.",
    output: 65536,
    thinking: true,
  }),
  chatModel({
    id: "gemini-2.5-flash-lite",
    displayName: "Gemini 2.5 Flash-Lite",
    version: "001",
    description: "Stable version of Gemini 2.5 Flash-Lite, released in July of 2025",
    output: 65536,
    thinking: true,
  }),
  chatModel({
    id: "gemini-2.5-pro",
    displayName: "Gemini 2.5 Pro",
    version: "2.5",
    description: "Stable release (June 17th, 2025) of Gemini 2.5 Pro",
    output: 65536,
    thinking: true,
  }),
  chatModel({
    id: "gemini-2.5-flash-image",
    displayName: "Nano Banana",
    version: "2.0",
    description: "Gemini 2.5 Flash Image",
    input: 32768,
    output: 32768,
    methods: IMAGE_METHODS,
  }),
  chatModel({
    id: "gemini-3-pro-preview",
    displayName: "Gemini 3 Pro Preview",
    version: "3-pro-preview-11-2025",
    description: "Gemini 3 Pro Preview",
    output: 65536,
    thinking: true,
  }),
  chatModel({
    id: "gemini-3.1-pro-preview",
    displayName: "Gemini 3.1 Pro Preview",
    version: "3.1-pro-preview-02-2026",
    description: "Gemini 3.1 Pro Preview",
    output: 65536,
    thinking: true,
  }),
  chatModel({
    id: "gemini-3-flash-preview",
    displayName: "Gemini 3 Flash Preview",
    version: "3-flash-preview-12-2025",
    description: "Gemini 3 Flash Preview",
    output: 65536,
    thinking: true,
  }),
  // Gemini 4 Argon: one 1,048,576-token window for input and output, reached through long decode
  // (https://ai.google.dev/gemini-api/docs/generate-content/long-decode); thinking rules left to
  // the model table that replaces this entry.
  chatModel({
    id: "gemini-4-argon",
    displayName: "Gemini 4 Argon",
    version: "4-argon",
    description: "Gemini 4 Argon",
    output: 1048576,
    methods: ["generateContent", "countTokens", "batchGenerateContent"],
  }),
  chatModel({
    id: "gemini-3-pro-image-preview",
    displayName: "Nano Banana Pro",
    version: "3.0",
    description: "Gemini 3 Pro Image Preview",
    input: 65536,
    output: 32768,
    methods: IMAGE_METHODS,
    thinking: true,
  }),
  chatModel({
    id: "gemini-flash-latest",
    displayName: "Gemini Flash Latest",
    version: "Gemini Flash Latest",
    description: "Latest release of Gemini Flash",
    output: 65536,
    thinking: true,
  }),
  chatModel({
    id: "gemini-flash-lite-latest",
    displayName: "Gemini Flash-Lite Latest",
    version: "Gemini Flash-Lite Latest",
    description: "Latest release of Gemini Flash-Lite",
    output: 65536,
    thinking: true,
  }),
  chatModel({
    id: "gemini-pro-latest",
    displayName: "Gemini Pro Latest",
    version: "Gemini Pro Latest",
    description: "Latest release of Gemini Pro",
    output: 65536,
    thinking: true,
  }),
  gemma("gemma-3-1b-it", "Gemma 3 1B", 32768, 8192),
  gemma("gemma-3-4b-it", "Gemma 3 4B", 32768, 8192),
  gemma("gemma-3-12b-it", "Gemma 3 12B", 32768, 8192),
  gemma("gemma-3-27b-it", "Gemma 3 27B", 131072, 8192),
  gemma("gemma-3n-e4b-it", "Gemma 3n E4B", 8192, 2048),
  gemma("gemma-3n-e2b-it", "Gemma 3n E2B", 8192, 2048),
  embeddingModel("gemini-embedding-001", "Gemini Embedding 001", "001", [
    "embedContent",
    "countTextTokens",
    "countTokens",
    "asyncBatchEmbedContent",
  ]),
  embeddingModel("text-embedding-004", "Text Embedding 004", "004", ["embedContent"]),
  ...GEMINI_CLI_MODELS,
  ...MEDIA_MODELS,
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

/** Embedding width before `outputDimensionality`. */
export const embeddingSize = (model: GeminiModel) =>
  model.baseModelId === "text-embedding-004" ? 768 : 3072;

/**
 * Long decode per model id, kept beside the catalog (never in the `models.list` shape): a call's
 * output cap when streamed and when not. Gemini 4: 65,536 / 32,768 output tokens
 * (https://ai.google.dev/gemini-api/docs/generate-content/long-decode). Until the model table
 * lists Gemini 4, the emulator knows gemini-4-argon (below) only for this.
 */
export const LONG_DECODE: Readonly<
  Record<string, { hopOutputTokens: number; nonStreamedHopOutputTokens: number }>
> = {
  "gemini-4-argon": { hopOutputTokens: 65_536, nonStreamedHopOutputTokens: 32_768 },
};
