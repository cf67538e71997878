import {
  type GeminiThinkingLevelName,
  modelCapabilities,
  THINKING_LEVEL_ORDER,
  type ThinkingControl,
} from "./model-capabilities.ts";
import type { GeminiThinkingConfig } from "./types.ts";

/** A thinking strength as clients say it: OpenAI's reasoning_effort and the model suffixes. */
export type ThinkingEffort = "none" | "minimal" | "low" | "medium" | "high" | "xhigh" | "max";

/** What a surface asks for; any field may be missing. */
export interface ThinkingRequest {
  effort?: ThinkingEffort;
  /** A token budget (Anthropic's budget_tokens, `thinking_budget`); -1 = dynamic. */
  budgetTokens?: number;
  /** A Gemini level in any case (`low`, `HIGH`). */
  level?: string;
  includeThoughts?: boolean;
}

/** gemini-2.5 budgets per effort, before clamping to the model's range. */
const EFFORT_BUDGETS: Record<ThinkingEffort, number> = {
  none: 0,
  minimal: 512,
  low: 1024,
  medium: 8192,
  high: 24576,
  xhigh: 32768,
  max: 32768,
};
const EFFORT_LEVELS: Record<ThinkingEffort, GeminiThinkingLevelName> = {
  none: "MINIMAL",
  minimal: "MINIMAL",
  low: "LOW",
  medium: "MEDIUM",
  high: "HIGH",
  xhigh: "HIGH",
  max: "HIGH",
};
const LEVEL_BUDGETS: Record<GeminiThinkingLevelName, number> = {
  MINIMAL: 512,
  LOW: 1024,
  MEDIUM: 8192,
  HIGH: 24576,
};

/**
 * The thinkingConfig a model accepts for what the client asked, or undefined to keep the model's
 * default. Levels (canonical upper case) for Gemini 3, budgets clamped into the model's range for
 * 2.5 and the `-latest` aliases, never both; nothing for models that take no thinking config
 * (Gemma, 2.0, gemini-2.5-flash-image). An explicit level or budget wins over an effort; a level
 * asked of a budget model (and the reverse) is converted.
 */
export function thinkingFor(
  model: string,
  request: ThinkingRequest,
): GeminiThinkingConfig | undefined {
  const control = modelCapabilities(model).thinking;
  const config = derive(control, request);
  if (!config) return undefined;
  const thinks = config.thinkingBudget !== 0 && control.kind !== "none";
  if (request.includeThoughts !== undefined && thinks)
    config.includeThoughts = request.includeThoughts;
  return Object.keys(config).length > 0 ? config : undefined;
}

function derive(
  control: ThinkingControl,
  request: ThinkingRequest,
): GeminiThinkingConfig | undefined {
  const level = toLevelName(request.level);
  switch (control.kind) {
    case "none":
      return undefined;
    case "fixed":
      return {};
    case "levels": {
      const wanted =
        level ??
        (request.budgetTokens !== undefined ? levelForBudget(request.budgetTokens) : undefined) ??
        (request.effort ? EFFORT_LEVELS[request.effort] : undefined);
      return wanted ? { thinkingLevel: nearestLevel(wanted, control.levels) } : {};
    }
    case "budget": {
      const budget =
        request.budgetTokens ??
        (level ? LEVEL_BUDGETS[level] : undefined) ??
        (request.effort ? EFFORT_BUDGETS[request.effort] : undefined);
      return budget === undefined ? {} : { thinkingBudget: clampBudget(budget, control) };
    }
  }
}

/** -1 (dynamic) stays; 0 stays where thinking can be switched off; others land in [min, max]. */
export function clampBudget(
  budget: number,
  range: { min: number; max: number; canDisable: boolean },
): number {
  const whole = Math.round(budget);
  if (whole === -1) return -1;
  if (whole <= 0) return range.canDisable ? 0 : range.min;
  return Math.min(Math.max(whole, Math.max(range.min, 1)), range.max);
}

/** The supported level nearest to the wanted one; a tie goes to the stronger level. */
function nearestLevel(
  wanted: GeminiThinkingLevelName,
  levels: readonly GeminiThinkingLevelName[],
): GeminiThinkingLevelName {
  if (levels.includes(wanted)) return wanted;
  const rank = THINKING_LEVEL_ORDER.indexOf(wanted);
  let best = levels[0] ?? wanted;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const level of levels) {
    const distance = Math.abs(THINKING_LEVEL_ORDER.indexOf(level) - rank);
    const stronger = THINKING_LEVEL_ORDER.indexOf(level) > THINKING_LEVEL_ORDER.indexOf(best);
    if (distance < bestDistance || (distance === bestDistance && stronger)) {
      best = level;
      bestDistance = distance;
    }
  }
  return best;
}

/** The level a token budget is closest to: 0 none, ≤ 1,024 LOW, ≤ 8,192 MEDIUM, more (or -1) HIGH. */
function levelForBudget(budget: number): GeminiThinkingLevelName {
  if (budget === -1) return "HIGH";
  if (budget <= 0) return "MINIMAL";
  if (budget <= 1024) return "LOW";
  if (budget <= 8192) return "MEDIUM";
  return "HIGH";
}

function toLevelName(level: string | undefined): GeminiThinkingLevelName | undefined {
  const upper = level?.toUpperCase();
  return THINKING_LEVEL_ORDER.find((name) => name === upper);
}

export const isGemini3 = (model: string) => modelCapabilities(model).family === "gemini-3";
export const isGemini25 = (model: string) => modelCapabilities(model).family === "gemini-2.5";

/** OpenAI's reasoning_effort (or a suffix level) as a ThinkingEffort, if it is one. */
export function toThinkingEffort(value: string | null | undefined): ThinkingEffort | undefined {
  const efforts: readonly string[] = Object.keys(EFFORT_BUDGETS);
  return value && efforts.includes(value) ? (value as ThinkingEffort) : undefined;
}
