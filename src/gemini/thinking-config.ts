import {
  modelCapabilities,
  THINKING_LEVELS,
  type ThinkingLevelName,
} from "./model-capabilities.ts";
import type { ThinkingFacts } from "./models/model-row.ts";
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
/** `none` cannot switch a level model's thinking off: it gets the weakest level the model takes. */
const EFFORT_LEVELS: Record<ThinkingEffort, ThinkingLevelName> = {
  none: "MINIMAL",
  minimal: "MINIMAL",
  low: "LOW",
  medium: "MEDIUM",
  high: "HIGH",
  xhigh: "XHIGH",
  max: "XHIGH",
};
const LEVEL_BUDGETS: Record<ThinkingLevelName, number> = {
  MINIMAL: 512,
  LOW: 1024,
  MEDIUM: 8192,
  HIGH: 24576,
  XHIGH: 32768,
};

/**
 * The thinkingConfig a model accepts for what the client asked, or undefined to keep the model's
 * default. The model table says which control a model takes (models/model-table.ts): the nearest
 * level it takes (a tie goes to the stronger one: `minimal` on Gemini 3.8 Flash is LOW, `xhigh` on
 * Gemini 4 Argon is HIGH), or a budget clamped into its range, never both; nothing for models that
 * take no thinking config. An explicit level or budget wins over an effort; a level asked of a
 * budget model (and the reverse) is converted.
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
  control: ThinkingFacts,
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
export function nearestLevel(
  wanted: ThinkingLevelName,
  levels: readonly ThinkingLevelName[],
): ThinkingLevelName {
  if (levels.includes(wanted)) return wanted;
  const rank = THINKING_LEVELS.indexOf(wanted);
  let best = levels[0] ?? wanted;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const level of levels) {
    const distance = Math.abs(THINKING_LEVELS.indexOf(level) - rank);
    const stronger = THINKING_LEVELS.indexOf(level) > THINKING_LEVELS.indexOf(best);
    if (distance < bestDistance || (distance === bestDistance && stronger)) {
      best = level;
      bestDistance = distance;
    }
  }
  return best;
}

/**
 * The level a token budget is closest to: 0 MINIMAL, ≤ 1,024 LOW, ≤ 8,192 MEDIUM, ≤ 24,576 (or
 * -1, dynamic) HIGH, more XHIGH (Claude Code's 31,999 is the deepest it asks for).
 */
export function levelForBudget(budget: number): ThinkingLevelName {
  if (budget === -1) return "HIGH";
  if (budget <= 0) return "MINIMAL";
  if (budget <= 1024) return "LOW";
  if (budget <= 8192) return "MEDIUM";
  if (budget <= 24576) return "HIGH";
  return "XHIGH";
}

/** A level's budget equivalent, for a budget model asked for a level. */
export const budgetForLevel = (level: ThinkingLevelName) => LEVEL_BUDGETS[level];

export function toLevelName(level: string | undefined): ThinkingLevelName | undefined {
  const upper = level?.toUpperCase();
  return THINKING_LEVELS.find((name) => name === upper);
}

/** OpenAI's reasoning_effort (or a suffix level) as a ThinkingEffort, if it is one. */
export function toThinkingEffort(value: string | null | undefined): ThinkingEffort | undefined {
  const efforts: readonly string[] = Object.keys(EFFORT_BUDGETS);
  return value && efforts.includes(value) ? (value as ThinkingEffort) : undefined;
}
