import type { GeminiModel } from "./catalog.ts";

/**
 * What a model family accepts and answers, for the rules and the answers (not part of the wire
 * shape). The `-latest` aliases behave as the model they point to, which answers as modelVersion.
 */
export interface ModelTraits {
  family: "gemini-2.0" | "gemini-2.5" | "gemini-3" | "gemma" | "embedding";
  /** The model that answers (modelVersion). */
  answersAs: string;
  /** thinkingConfig.thinkingLevel values the model takes (Gemini 3 only). */
  thinkingLevels?: readonly string[];
  /** thinkingConfig.thinkingBudget range; `canDisable` = 0 is accepted. */
  budget?: { min: number; max: number; canDisable: boolean };
  /** Answers with image parts (inlineData) besides text. */
  imageOutput?: boolean;
}

const ALIASES: Record<string, string> = {
  "gemini-flash-latest": "gemini-3-flash-preview",
  "gemini-flash-lite-latest": "gemini-2.5-flash-lite",
  "gemini-pro-latest": "gemini-3.1-pro-preview",
};

const LEVELS: Record<string, readonly string[]> = {
  "gemini-3-pro-preview": ["LOW", "HIGH"],
  "gemini-3.1-pro-preview": ["LOW", "MEDIUM", "HIGH"],
  "gemini-3-flash-preview": ["MINIMAL", "LOW", "MEDIUM", "HIGH"],
  "gemini-3-pro-image-preview": ["LOW", "HIGH"],
};

const BUDGETS: Record<string, ModelTraits["budget"]> = {
  "gemini-2.5-pro": { min: 128, max: 32768, canDisable: false },
  "gemini-2.5-flash": { min: 1, max: 24576, canDisable: true },
  "gemini-2.5-flash-lite": { min: 512, max: 24576, canDisable: true },
};

export function traitsOf(model: GeminiModel): ModelTraits {
  const id = ALIASES[model.baseModelId] ?? model.baseModelId;
  const imageOutput = id.includes("-image") ? { imageOutput: true } : {};
  if (id.startsWith("gemma-")) return { family: "gemma", answersAs: id };
  if (id.includes("embedding")) return { family: "embedding", answersAs: id };
  if (id.startsWith("gemini-3")) {
    return {
      family: "gemini-3",
      answersAs: id,
      thinkingLevels: LEVELS[id] ?? ["LOW", "HIGH"],
      ...imageOutput,
    };
  }
  if (id.startsWith("gemini-2.5")) {
    const budget = BUDGETS[id];
    return { family: "gemini-2.5", answersAs: id, ...(budget ? { budget } : {}), ...imageOutput };
  }
  return { family: "gemini-2.0", answersAs: id, ...imageOutput };
}

export const isGemini3 = (model: GeminiModel) => traitsOf(model).family === "gemini-3";
