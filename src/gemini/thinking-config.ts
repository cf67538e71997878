import type { GoogleExtras } from "../surfaces/openai/translate/openai-types.ts";
import type { ThinkingLevelName } from "./model-name.ts";
import type { GeminiThinkingConfig, GeminiThinkingLevel } from "./types.ts";

/** A thinking strength as clients express it: model suffix levels plus OpenAI's reasoning_effort. */
type Effort = ThinkingLevelName | "minimal";

/** gemini-2.5* budgets. 2.5-pro cannot switch thinking off: its "none" is its minimum, 128. */
const BUDGETS: Record<Effort, number> = {
  none: 0,
  minimal: 512,
  low: 1024,
  medium: 8192,
  high: 24576,
};
const PRO_MINIMUM_BUDGET = 128;

/** gemini-3 Pro models know only low/high; Flash models also minimal and medium. */
const PRO_LEVELS: Record<Effort, GeminiThinkingLevel> = {
  none: "low",
  minimal: "low",
  low: "low",
  medium: "high",
  high: "high",
};
const FLASH_LEVELS: Record<Effort, GeminiThinkingLevel> = {
  none: "minimal",
  minimal: "minimal",
  low: "low",
  medium: "medium",
  high: "high",
};

export interface ThinkingInputs {
  /** From a `-thinking-<level>` / `-refined-<level>` model suffix; wins over reasoningEffort. */
  suffix?: { level: ThinkingLevelName; includeThoughts: boolean };
  reasoningEffort?: string | null;
  /** `google.thinking_config`; wins over both. */
  extras?: GoogleExtras["thinking_config"];
}

export const isGemini3 = (model: string) => model.startsWith("gemini-3");
export const isGemini25 = (model: string) => model.startsWith("gemini-2.5");

/**
 * The thinkingConfig for a model, or undefined to leave the model's default. thinkingLevel is only
 * sent to gemini-3*, thinkingBudget only to gemini-2.5*, never both; other models get only what
 * the client set explicitly in `google.thinking_config`.
 */
export function toGeminiThinkingConfig(
  model: string,
  inputs: ThinkingInputs,
): GeminiThinkingConfig | undefined {
  const effort = inputs.suffix?.level ?? toEffort(inputs.reasoningEffort);
  const config: GeminiThinkingConfig = effort ? derive(model, effort) : {};
  const thinks = Object.keys(config).length > 0 && effort !== "none";
  if (thinks && inputs.suffix?.includeThoughts) config.includeThoughts = true;
  const extras = readExtras(inputs.extras);
  if (extras.thinkingBudget !== undefined) delete config.thinkingLevel;
  if (extras.thinkingLevel !== undefined) delete config.thinkingBudget;
  Object.assign(config, extras);
  return Object.keys(config).length > 0 ? config : undefined;
}

function derive(model: string, effort: Effort): GeminiThinkingConfig {
  const pro = /-pro\b/.test(model);
  if (isGemini3(model)) return { thinkingLevel: (pro ? PRO_LEVELS : FLASH_LEVELS)[effort] };
  if (isGemini25(model)) {
    const budget = BUDGETS[effort];
    return { thinkingBudget: pro ? Math.max(budget, PRO_MINIMUM_BUDGET) : budget };
  }
  return {};
}

function toEffort(reasoningEffort: string | null | undefined): Effort | undefined {
  switch (reasoningEffort) {
    case "none":
    case "minimal":
    case "low":
    case "medium":
    case "high":
      return reasoningEffort;
    case "xhigh":
    case "max":
      return "high";
    default:
      return undefined;
  }
}

function readExtras(extras: ThinkingInputs["extras"]): GeminiThinkingConfig {
  if (!extras || typeof extras !== "object") return {};
  const source = extras as Record<string, unknown>;
  const pick = (snake: string, camel: string) => source[snake] ?? source[camel];
  const config: GeminiThinkingConfig = {};
  const budget = pick("thinking_budget", "thinkingBudget");
  const level = pick("thinking_level", "thinkingLevel");
  const include = pick("include_thoughts", "includeThoughts");
  if (typeof budget === "number") config.thinkingBudget = budget;
  if (typeof level === "string") config.thinkingLevel = level.toLowerCase() as GeminiThinkingLevel;
  if (typeof include === "boolean") config.includeThoughts = include;
  return config;
}
