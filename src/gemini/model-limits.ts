import { isGemini3, isGemini25 } from "./thinking-config.ts";

/** The thinking budgets a gemini-2.5 model takes while thinking; `canDisable`: 0 switches it off. */
export interface ThinkingBudgetRange {
  min: number;
  max: number;
  canDisable: boolean;
}

/**
 * Google's documented thinkingBudget ranges: 2.5 Pro 128–32768 (cannot switch thinking off), 2.5
 * Flash 1–24576, 2.5 Flash-Lite 512–24576 (both: 0 = off). Null for models without budgets.
 */
export function thinkingBudgetRange(model: string): ThinkingBudgetRange | null {
  if (!isGemini25(model)) return null;
  if (/-pro\b/.test(model)) return { min: 128, max: 32_768, canDisable: false };
  if (/-flash-lite\b/.test(model)) return { min: 512, max: 24_576, canDisable: true };
  return { min: 1, max: 24_576, canDisable: true };
}

/** Whether the model thinks at all (2.5 and 3); 2.0 and Gemma refuse a thinkingConfig. */
export const canThink = (model: string) => isGemini25(model) || isGemini3(model);

/**
 * The largest maxOutputTokens a model accepts (Gemini refuses more): 65,536 for 2.5 and 3, 8,192
 * for 2.0 and Gemma; undefined when unknown (the request then says what the client asked).
 */
export function outputTokenLimit(model: string): number | undefined {
  if (isGemini25(model) || isGemini3(model)) return 65_536;
  if (model.startsWith("gemini-2.0") || model.startsWith("gemma-")) return 8_192;
  return undefined;
}
