import { THINKING_LEVELS, type ThinkingLevelName } from "./models/model-row.ts";

/**
 * The 400 INVALID_ARGUMENT answers in which Gemini refuses one setting for one model: the only
 * client errors the gateway corrects and retries (once) instead of passing on. Their texts:
 * - `Thinking level MINIMAL is not supported for this model. Please retry with other thinking
 *   level.` (issue 20, Gemini 3.7/3.8 Flash, Pro, Gemini 4; dzivkovi/video-intel v2.7.1)
 * - `Thinking level is not supported for this model.` (a level on a budget model:
 *   Kilo-Org/kilocode#12149)
 * - `Thinking budget is not supported for this model.` (aduermael/herm#23, gemma-4)
 * - `The thinking budget 128 is invalid. Please choose a value between 512 and 24576.`
 *   (earendil-works/pi#2838) and `Budget 0 is invalid. This model only works in thinking mode.`
 * - `Penalty is not enabled for this model` (issue 20, 3.6 Flash and later; the 3.6 Flash page:
 *   "setting custom values for these parameters throws an error")
 * - `Per part media resolution is not supported for this Model.` (langchain4j/langchain4j#4389:
 *   `mediaResolution` on a part of a model before Gemini 3)
 * - sampling (temperature / top_p / top_k) "not supported": no model refuses them today (3.6+
 *   ignore them); recognised so that the next model that does costs one call, not every call.
 * Anything else (a wrong field, a prefill, a bad schema) is none of these and is never retried.
 */
export type KnownRefusal =
  | { kind: "thinking-level"; level: ThinkingLevelName }
  | { kind: "no-thinking-level" }
  | { kind: "no-thinking-budget" }
  | { kind: "thinking-budget-range"; min: number; max: number }
  | { kind: "thinking-budget-zero" }
  | { kind: "penalties" }
  | { kind: "sampling" }
  | { kind: "part-media-resolution" };

const LEVEL = /Thinking level (MINIMAL|LOW|MEDIUM|HIGH|XHIGH) is not supported for this model/;
const NO_LEVEL = /^Thinking level is not supported for this model/;
const NO_BUDGET = /^Thinking budget is not supported for this model/;
const BUDGET_RANGE =
  /thinking budget -?\d+ is invalid\. Please choose a value between (\d+) and (\d+)/i;
const BUDGET_ZERO = /^Budget 0 is invalid\. This model only works in thinking mode/;
const PENALTY = /^Penalty is not enabled for this model/;
const PART_RESOLUTION = /^Per part media resolution is not supported/i;
const SAMPLING =
  /\b(temperature|top_?p|top_?k|sampling parameters?)\b[^.]*\bnot (supported|enabled)\b/i;

/** The known refusal a 400's message states, or null. */
export function knownRefusal(status: number, message: string): KnownRefusal | null {
  if (status !== 400) return null;
  const level = LEVEL.exec(message)?.[1];
  if (level) {
    const name = THINKING_LEVELS.find((candidate) => candidate === level);
    if (name) return { kind: "thinking-level", level: name };
  }
  if (NO_LEVEL.test(message)) return { kind: "no-thinking-level" };
  if (NO_BUDGET.test(message)) return { kind: "no-thinking-budget" };
  const range = BUDGET_RANGE.exec(message);
  if (range) return { kind: "thinking-budget-range", min: Number(range[1]), max: Number(range[2]) };
  if (BUDGET_ZERO.test(message)) return { kind: "thinking-budget-zero" };
  if (PENALTY.test(message)) return { kind: "penalties" };
  if (PART_RESOLUTION.test(message)) return { kind: "part-media-resolution" };
  if (SAMPLING.test(message)) return { kind: "sampling" };
  return null;
}
