import { canThink, thinkingBudgetRange } from "../../../gemini/model-limits.ts";
import type { ModelSelection } from "../../../gemini/model-name.ts";
import { isGemini3, toGeminiThinkingConfig } from "../../../gemini/thinking-config.ts";
import type { GeminiThinkingConfig, GeminiThinkingLevel } from "../../../gemini/types.ts";
import type { AnthropicThinking } from "../validate/messages-request.ts";

/**
 * Anthropic's `thinking` → Gemini's thinkingConfig for the target model.
 * - `enabled` with budget_tokens: gemini-2.5 gets the budget clamped to the model's range (so
 *   Claude Code's 31,999 fits a Flash model); gemini-3 gets the level the budget is closest to
 *   (≤ 1,024 low, ≤ 8,192 medium, more high; Pro knows only low/high).
 * - `adaptive` (and any other kind a newer client sends): thoughts on, the model's own budget.
 * - `disabled`: thinking off where the model allows it, else its minimum; no thoughts returned.
 * - absent: the model's default, or the model-name suffix (`-thinking-high`) when there is one.
 * `display: "omitted"` keeps the thinking but returns no thought text. Models that cannot think
 * (2.0, Gemma) get no thinkingConfig whatever was asked: Gemini would refuse it.
 */
export function toThinkingConfig(
  selection: ModelSelection,
  thinking: AnthropicThinking | null | undefined,
): GeminiThinkingConfig | undefined {
  const model = selection.model;
  if (!canThink(model)) return undefined;
  if (!thinking) {
    return selection.thinking
      ? toGeminiThinkingConfig(model, { suffix: selection.thinking })
      : undefined;
  }
  if (thinking.type === "disabled") return disabled(model);
  const includeThoughts = thinking.display !== "omitted";
  const budget = thinking.type === "enabled" ? thinking.budget_tokens : undefined;
  if (typeof budget !== "number") return { includeThoughts };
  if (isGemini3(model)) return { includeThoughts, thinkingLevel: levelFor(model, budget) };
  const range = thinkingBudgetRange(model);
  if (!range) return { includeThoughts };
  return { includeThoughts, thinkingBudget: Math.min(Math.max(budget, range.min), range.max) };
}

function disabled(model: string): GeminiThinkingConfig {
  if (isGemini3(model)) return { thinkingLevel: /-pro\b/.test(model) ? "low" : "minimal" };
  const range = thinkingBudgetRange(model);
  if (!range) return {};
  return { thinkingBudget: range.canDisable ? 0 : range.min };
}

function levelFor(model: string, budget: number): GeminiThinkingLevel {
  const level: GeminiThinkingLevel = budget <= 1_024 ? "low" : budget <= 8_192 ? "medium" : "high";
  if (/-pro\b/.test(model) && level === "medium") return "high";
  return level;
}
