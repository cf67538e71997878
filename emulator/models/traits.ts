import type { ThinkingLevelName } from "../../src/gemini/models/model-row.ts";
import { catalogModel, type GeminiModel, type InventedModel, rowOf } from "./catalog.ts";

/**
 * What a model accepts and answers, read from its table row (not part of the wire shape). An id
 * Google reroutes (`reroutedTo`) or an alias (`aliasOf`) is ruled by the model that answers, which
 * also names itself in `modelVersion`.
 */
export interface ModelTraits {
  /** The row of the id asked for (its lifecycle). */
  row: InventedModel;
  /** The row of the model that answers (its rules). */
  served: InventedModel;
  /** The model that answers (modelVersion). */
  answersAs: string;
  /** thinkingConfig.thinkingLevel values the model takes; undefined: no levels. */
  thinkingLevels?: readonly ThinkingLevelName[];
  /** Whether a level model still takes thinkingBudget instead. */
  budgetAccepted: boolean;
  /** thinkingConfig.thinkingBudget range; `canDisable` = 0 is accepted. */
  budget?: { min: number; max: number; canDisable: boolean };
  /** Answers with image parts (inlineData) besides text. */
  imageOutput: boolean;
  audioOutput: boolean;
  /** Gemma: no system instruction, no function calling. */
  gemma: boolean;
  /** `mediaResolution` on a part is taken (Gemini 3 and 4); else only the request-wide one. */
  partMediaResolution: boolean;
  /**
   * Gemini 3 and later (the generation that signs function calls): built-in tools next to
   * functions, JSON output with functions, no civic-integrity safety category.
   */
  thirdGeneration: boolean;
}

export function traitsOf(model: GeminiModel): ModelTraits {
  const row = rowOf(model);
  const target = row.aliasOf ?? row.reroutedTo;
  const targetModel = target ? catalogModel(target) : undefined;
  const served = targetModel ? rowOf(targetModel) : row;
  const thinking = served.thinking;
  return {
    row,
    served,
    answersAs: served.id,
    ...(thinking.kind === "levels" ? { thinkingLevels: thinking.levels } : {}),
    budgetAccepted:
      thinking.kind === "budget" || (thinking.kind === "levels" && thinking.budgetAccepted),
    ...(thinking.kind === "budget"
      ? { budget: { min: thinking.min, max: thinking.max, canDisable: thinking.canDisable } }
      : {}),
    imageOutput: served.outputModalities.includes("IMAGE"),
    audioOutput: served.outputModalities.includes("AUDIO"),
    gemma: served.refuses.systemInstruction,
    partMediaResolution: served.partMediaResolution,
    thirdGeneration: served.thoughtSignatures,
  };
}

export const isGemini3 = (model: GeminiModel) => traitsOf(model).thirdGeneration;
