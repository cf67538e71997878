import { ApiError } from "../../common/api-error.ts";
import type { KnownRefusal } from "./known-refusals.ts";
import { modelCapabilities, type ThinkingLevelName } from "./model-capabilities.ts";
import { isolateLearntRules, type LearntRule, type LearntRules } from "./models/learnt-rules.ts";
import { modelFacts } from "./models/model-facts.ts";
import { THINKING_LEVELS } from "./models/model-row.ts";
import { toRequestWideResolution } from "./part-media-resolution.ts";
import {
  budgetForLevel,
  clampBudget,
  levelForBudget,
  nearestLevel,
  toLevelName,
} from "./thinking-config.ts";
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
 *   thinkingLevel=HIGH->budget 24576 a level on a model that takes only a budget (2.5)
 *   includeThoughts=true->dropped    thinking asked of a model that does not think (Gemma)
 *   mediaResolution=per part->MEDIA_RESOLUTION_HIGH   parts' resolution, on a model that takes
 *                                    only the request-wide one (part-media-resolution.ts)
 * For a model of the table, its thinking facts are applied as if Gemini had refused the rest
 * already: a native client's `thinkingLevel: MINIMAL` reaches Gemini 3.8 Flash as LOW, without
 * spending a refused call. The translation of a client's effort into a level the table says the
 * model takes (`minimal` → LOW on Gemini 3.8 Flash) is not an adjustment: the surfaces do it
 * (thinking-config.ts), so their requests need none.
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
  sent: GeminiGenerateContentRequest,
  learnt: LearntRules = isolateLearntRules,
): Conformed {
  let body = sent;
  const capabilities = modelCapabilities(model);
  if (capabilities.refusesPrefill && body.contents?.at(-1)?.role === "model") {
    throw prefillRefused(model);
  }
  const learntRule = learnt.get(model.toLowerCase());
  const adjustments: RequestAdjustment[] = [];
  if (!modelFacts(model).partMediaResolution || learntRule?.noPartMediaResolution) {
    const moved = toRequestWideResolution(body);
    if (moved) {
      body = moved.body;
      adjustments.push({ setting: "mediaResolution", from: "per part", to: moved.level });
    }
  }
  const lesson = thinkingRules(model, learntRule);
  const config = body.generationConfig;
  if (!config) return { body, adjustments };
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
    case "part-media-resolution":
      return { noPartMediaResolution: true };
  }
}

type ThinkingConfig = NonNullable<GeminiGenerationConfig["thinkingConfig"]>;

/** What a model refuses of a thinkingConfig: a lesson, plus "no thinking at all" (table only). */
interface ThinkingRules extends LearntRule {
  /** Thinks not at all: only `thinkingBudget: 0` is taken ("Thinking is not enabled…"). */
  noThinking?: true;
}

/**
 * The model table's thinking facts (for an id the table knows) merged with what Gemini's 400s
 * taught this isolate; undefined when neither says anything. An id the table does not know is
 * corrected only by what Gemini itself refused: its derived facts are a guess.
 */
function thinkingRules(model: string, learnt: LearntRule | undefined): ThinkingRules | undefined {
  const facts = modelFacts(model);
  if (facts.origin !== "table") return learnt;
  const thinking = facts.thinking;
  const table: ThinkingRules =
    thinking.kind === "levels"
      ? {
          refusedLevels: THINKING_LEVELS.filter((level) => !thinking.levels.includes(level)),
          ...(thinking.budgetAccepted ? {} : { noBudget: true }),
        }
      : thinking.kind === "budget"
        ? {
            refusedLevels: [],
            noLevels: true,
            budgetRange: { min: thinking.min, max: thinking.max },
            ...(thinking.canDisable ? {} : { noZeroBudget: true }),
          }
        : thinking.kind === "fixed"
          ? { refusedLevels: [], noLevels: true, noBudget: true }
          : { refusedLevels: [], noLevels: true, noBudget: true, noThinking: true };
  if (!learnt) return table;
  return {
    ...table,
    ...learnt,
    refusedLevels: [...new Set([...table.refusedLevels, ...learnt.refusedLevels])],
  };
}

/** A thinking config with what the model refused replaced; undefined when nothing is left. */
function conformThinking(
  model: string,
  thinking: ThinkingConfig,
  lesson: ThinkingRules,
  adjustments: RequestAdjustment[],
): ThinkingConfig | undefined {
  const next: ThinkingConfig = { ...thinking };
  if (lesson.noThinking) return withoutThinking(next, adjustments);
  const table = modelCapabilities(model).thinking;
  const taken = (table.kind === "levels" ? table.levels : ([] as ThinkingLevelName[])).filter(
    (level) => !lesson.refusedLevels.includes(level),
  );
  const level = toLevelName(next.thinkingLevel);
  if (level && (lesson.noLevels || lesson.refusedLevels.includes(level))) {
    const replacement =
      lesson.noLevels || taken.length === 0 ? undefined : nearestLevel(level, taken);
    // A budget model asked for a level (its range known): the level's budget equivalent.
    const range = lesson.budgetRange;
    const budget =
      !replacement && range && !lesson.noBudget && next.thinkingBudget === undefined
        ? clampBudget(budgetForLevel(level), {
            ...range,
            canDisable: !lesson.noZeroBudget,
          })
        : undefined;
    if (replacement) next.thinkingLevel = replacement;
    else delete next.thinkingLevel;
    if (budget !== undefined) next.thinkingBudget = budget;
    adjustments.push({
      setting: "thinkingLevel",
      from: level,
      to: replacement ?? (budget !== undefined ? `budget ${budget}` : "dropped"),
    });
    // The budget is the model's own (from its level), not the client's: no further check.
    if (budget !== undefined) return next;
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
  // "You can only set only one of thinking budget and thinking level.": the level stays.
  if (next.thinkingLevel !== undefined && next.thinkingBudget !== undefined) {
    adjustments.push({
      setting: "thinkingBudget",
      from: String(next.thinkingBudget),
      to: "dropped",
    });
    delete next.thinkingBudget;
  }
  return nonEmpty(next);
}

/** A model that does not think takes `thinkingBudget: 0` and nothing else of a thinkingConfig. */
function withoutThinking(
  thinking: ThinkingConfig,
  adjustments: RequestAdjustment[],
): ThinkingConfig | undefined {
  const next: ThinkingConfig = { ...thinking };
  for (const setting of ["thinkingLevel", "thinkingBudget", "includeThoughts"] as const) {
    const value = next[setting];
    if (value === undefined || value === 0 || value === false) continue;
    delete next[setting];
    adjustments.push({ setting, from: String(value), to: "dropped" });
  }
  return nonEmpty(next);
}

function nonEmpty(thinking: ThinkingConfig): ThinkingConfig | undefined {
  const { includeThoughts, ...rest } = thinking;
  if (Object.keys(rest).length === 0 && includeThoughts === undefined) return undefined;
  return thinking;
}

/** The surface renders it in its own shape; the message names Google's rule. */
export function prefillRefused(model: string): ApiError {
  return new ApiError(
    400,
    `${model} does not accept a conversation that ends with the assistant's (model's) turn: Google refuses a prefill on Gemini 3.5 Flash-Lite, 3.6 Flash and later ("Requests ending with a model turn are not supported."). End the conversation with a user turn, or pick a model that takes a prefill (e.g. gemini-3-flash-preview).`,
    { type: "invalid_request_error", code: "prefill_not_supported" },
  );
}
