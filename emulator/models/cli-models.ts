import type { GeminiModel } from "./catalog.ts";

/**
 * Models that Gemini CLI 0.61 calls by default with an API key, and that the rest of the catalog
 * does not list yet: its numerical router asks `gemini-3.5-flash-lite` (LATEST_GEMINI_FLASH_LITE_MODEL
 * in its bundle) to score each prompt before the main model answers. Kept apart from catalog.ts so
 * that `gemini -p` runs against the emulator without a 404 along the way.
 */
export const GEMINI_CLI_MODELS: readonly GeminiModel[] = [
  {
    name: "models/gemini-3.5-flash-lite",
    baseModelId: "gemini-3.5-flash-lite",
    version: "3.5-flash-lite",
    displayName: "Gemini 3.5 Flash-Lite",
    description: "Gemini 3.5 Flash-Lite",
    inputTokenLimit: 1048576,
    outputTokenLimit: 65536,
    supportedGenerationMethods: ["generateContent", "countTokens", "batchGenerateContent"],
    temperature: 1,
    topP: 0.95,
    topK: 64,
    maxTemperature: 2,
    thinking: true,
  },
];
