import { BoundedMap } from "../../../common/bounded-map.ts";
import type { ThinkingLevelName } from "./model-row.ts";

/**
 * What Gemini's own 400s taught this isolate about models the table does not know well: per
 * model, the settings it refused. Like the key health memory, it lives as long as the isolate and
 * is never stored; it is bounded (`LEARNT_MODELS_LIMIT` models, the one used least recently is
 * forgotten first) because model ids come from clients.
 */
export interface LearntRule {
  /** thinkingLevel values Gemini answered "Thinking level X is not supported" for. */
  refusedLevels: ThinkingLevelName[];
  /** "Thinking level is not supported for this model.": no level at all. */
  noLevels?: true;
  /** "Thinking budget is not supported for this model.": no budget at all. */
  noBudget?: true;
  /** "The thinking budget N is invalid. Please choose a value between A and B.". */
  budgetRange?: { min: number; max: number };
  /** "Budget 0 is invalid. This model only works in thinking mode.". */
  noZeroBudget?: true;
  /** "Penalty is not enabled for this model". */
  refusesPenalties?: true;
  /** temperature / topP / topK refused. */
  refusesSampling?: true;
  /** "Per part media resolution is not supported for this Model.". */
  noPartMediaResolution?: true;
}

export const LEARNT_MODELS_LIMIT = 128;

export class LearntRules {
  readonly #rules: BoundedMap<string, LearntRule>;

  constructor(limit = LEARNT_MODELS_LIMIT) {
    this.#rules = new BoundedMap(limit);
  }

  get(model: string): LearntRule | undefined {
    return this.#rules.get(model);
  }

  /** Records what Gemini refused for `model` (merged into what is known already). */
  learn(model: string, lesson: Partial<LearntRule>): void {
    const known = this.#rules.get(model) ?? { refusedLevels: [] };
    const refusedLevels = [...new Set([...known.refusedLevels, ...(lesson.refusedLevels ?? [])])];
    this.#rules.set(model, { ...known, ...lesson, refusedLevels });
  }

  get size(): number {
    return this.#rules.size;
  }

  clear(): void {
    this.#rules.clear();
  }
}

/** This isolate's memory, shared by every request it serves. */
export const isolateLearntRules = new LearntRules();
