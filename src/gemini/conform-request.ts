import { ApiError } from "../../common/api-error.ts";
import type { KnownRefusal } from "./known-refusals.ts";
import { modelCapabilities, type ThinkingLevelName } from "./model-capabilities.ts";
import { isolateLearntRules, type LearntRule, type LearntRules } from "./models/learnt-rules.ts";
import { levelForBudget, nearestLevel, toLevelName } from "./thinking-config.ts";
import type { GeminiGenerateContentRequest, GeminiGenerationConfig } from "./types.ts";

/**
 * The last look at a generateContent body before it goes upstream, in one place for every
 * surface: what the model table says the model refuses, and what Gemini's own 400s taught this
 * isolate about it (learnt-rules.ts), are taken out or replaced by the nearest accepted setting.
 * Each change is reported (`x-router-adjusted` and the request log):
 *   presencePenalty=0.5->dropped     a penalty the model refuses ("Penalty is not enabled…")
 *   thinkingLevel=MEDIUM->HIGH       a level Gemini refused for this model
 *   thinkingBudget=2048->LOW         a budget on a model that takes only levels
 *   temperature=0.2->dropped         sampling, where Gemini refused it
 * The translation of a client's effort into a level the table says the model takes (`minimal`
 * → LOW on Gemini 3.8 Flash) is not an adjustment: the surfaces do it (thinking-config.ts).
 */
export interface RequestAdjustment {
  setting: string;
  from: string;
  to: string;
}

export const describeAdjustment = (adjustment: RequestAdjustment) =>
  `${adjustment.setting}=${adjustment.from}->${adjustment.to}`;

export interface Conformed {
  body: GeminiGenerateContentRequest;
  adjustments: RequestAdjustment[];
}

/**
 * The body as the model takes it. A conversation that ends with the model's turn (prefill) on a
 * model that refuses it is the client's 400 here, naming the rule, before any upstream call.
 */
export function conformToModel(
  model: string,
  body: GeminiGenerateContentRequest,
  learnt: LearntRules = isolateLearntRules,
): Conformed {
  const capabilities = modelCapabilities(model);
  if (capabilities.refusesPrefill && body.contents?.at(-1)?.role === "model") {
    throw prefillRefused(model);
  }
  const lesson = learnt.get(model.toLowerCase());
  const config = body.generationConfig;
  if (!config) return { body, adjustments: [] };
  const adjustments: RequestAdjustment[] = [];
  const next: GeminiGenerationConfig = { ...config };
  const drop = (
    setting: "presencePenalty" | "frequencyPenalty" | "temperature" | "topP" | "topK",
  ) => {
    const value = next[setting];
    if (value === undefined) return;
    delete next[setting];
    adjustments.push({ setting, from: String(value), to: "dropped" });
  };
  if (capabilities.refusesPenalties || lesson?.refusesPenalties) {
    // Zero is no penalty: Google takes it (only "custom values" are refused), so it stays.
    if (next.presencePenalty) drop("presencePenalty");
    if (next.frequencyPenalty) drop("frequencyPenalty");
  }
  if (lesson?.refusesSampling) {
    drop("temperature");
    drop("topP");
    drop("topK");
  }
  if (lesson && next.thinkingConfig) {
    const thinking = conformThinking(model, next.thinkingConfig, lesson, adjustments);
    if (thinking === undefined) delete next.thinkingConfig;
    else next.thinkingConfig = thinking;
  }
  if (adjustments.length === 0) return { body, adjustments };
  return { body: { ...body, generationConfig: next }, adjustments };
}

/**
 * After a known refusal (known-refusals.ts): remembers it for the model, then gives the body
 * corrected for it — or null when the body held nothing the refusal is about (no retry then).
 */
export function correctForRefusal(
  model: string,
  body: GeminiGenerateContentRequest,
  refusal: KnownRefusal,
  learnt: LearntRules = isolateLearntRules,
): Conformed | null {
  learnt.learn(model.toLowerCase(), lessonOf(refusal));
  const corrected = conformToModel(model, body, learnt);
  return corrected.adjustments.length > 0 ? corrected : null;
}

function lessonOf(refusal: KnownRefusal): Partial<LearntRule> {
  switch (refusal.kind) {
    case "thinking-level":
      return { refusedLevels: [refusal.level] };
    case "no-thinking-level":
      return { noLevels: true };
    case "no-thinking-budget":
      return { noBudget: true };
    case "thinking-budget-range":
      return { budgetRange: { min: refusal.min, max: refusal.max } };
    case "thinking-budget-zero":
      return { noZeroBudget: true };
    case "penalties":
      return { refusesPenalties: true };
    case "sampling":
      return { refusesSampling: true };
  }
}

type ThinkingConfig = NonNullable<GeminiGenerationConfig["thinkingConfig"]>;

/** A thinking config with what the model refused replaced; undefined when nothing is left. */
function conformThinking(
  model: string,
  thinking: ThinkingConfig,
  lesson: LearntRule,
  adjustments: RequestAdjustment[],
): ThinkingConfig | undefined {
  const next: ThinkingConfig = { ...thinking };
  const table = modelCapabilities(model).thinking;
  const taken = (table.kind === "levels" ? table.levels : ([] as ThinkingLevelName[])).filter(
    (level) => !lesson.refusedLevels.includes(level),
  );
  const level = toLevelName(next.thinkingLevel);
  if (level && (lesson.noLevels || lesson.refusedLevels.includes(level))) {
    const replacement =
      lesson.noLevels || taken.length === 0 ? undefined : nearestLevel(level, taken);
    if (replacement) next.thinkingLevel = replacement;
    else delete next.thinkingLevel;
    adjustments.push({ setting: "thinkingLevel", from: level, to: replacement ?? "dropped" });
  }
  const budget = next.thinkingBudget;
  if (budget !== undefined) {
    if (lesson.noBudget) {
      delete next.thinkingBudget;
      const replacement =
        taken.length > 0 && !lesson.noLevels
          ? nearestLevel(levelForBudget(budget), taken)
          : undefined;
      if (replacement) next.thinkingLevel = replacement;
      adjustments.push({
        setting: "thinkingBudget",
        from: String(budget),
        to: replacement ?? "dropped",
      });
    } else if (budget === 0 && lesson.noZeroBudget) {
      delete next.thinkingBudget;
      adjustments.push({ setting: "thinkingBudget", from: "0", to: "dropped" });
    } else if (lesson.budgetRange && budget !== -1) {
      const { min, max } = lesson.budgetRange;
      const clamped = budget === 0 ? budget : Math.min(Math.max(budget, min), max);
      if (clamped !== budget) {
        next.thinkingBudget = clamped;
        adjustments.push({ setting: "thinkingBudget", from: String(budget), to: String(clamped) });
      }
    }
  }
  const { includeThoughts, ...rest } = next;
  if (Object.keys(rest).length === 0 && includeThoughts === undefined) return undefined;
  return next;
}

/** The surface renders it in its own shape; the message names Google's rule. */
export function prefillRefused(model: string): ApiError {
  return new ApiError(
    400,
    `${model} does not accept a conversation that ends with the assistant's (model's) turn: Google refuses a prefill on Gemini 3.5 Flash-Lite, 3.6 Flash and later ("Requests ending with a model turn are not supported."). End the conversation with a user turn, or pick a model that takes a prefill (e.g. gemini-3-flash-preview).`,
    { type: "invalid_request_error", code: "prefill_not_supported" },
  );
}
