import type { ModelSelection } from "../../../gemini/model-name.ts";
import { thinkingFor, toThinkingEffort } from "../../../gemini/thinking-config.ts";
import type { GeminiThinkingConfig } from "../../../gemini/types.ts";
import type { AnthropicOutputConfig, AnthropicThinking } from "../validate/messages-request.ts";

/**
 * Anthropic's `thinking` → Gemini's thinkingConfig for the target model, through the shared
 * per-model table (src/gemini/model-capabilities.ts, thinkingFor).
 * - `enabled` with budget_tokens: gemini-2.5 gets the budget clamped to the model's range (so
 *   Claude Code's 31,999 fits a Flash model); gemini-3 gets the level the budget is closest to
 *   (≤ 1,024 LOW, ≤ 8,192 MEDIUM, more HIGH; Pro knows only LOW/HIGH).
 * - `adaptive` (what Claude Code sends now, and any other kind a newer client sends): thoughts
 *   on; `output_config.effort` (low, medium, high, max) picks the level or budget as
 *   reasoning_effort does on the OpenAI surface, else the model's own default.
 * - `disabled`: thinking off where the model allows it, else its minimum; no thoughts returned.
 * - absent: the model's default, or the model-name suffix (`-thinking-high`) when there is one.
 * `display: "omitted"` keeps the thinking but returns no thought text. Models that cannot think
 * (2.0, Gemma) get no thinkingConfig whatever was asked: Gemini would refuse it.
 */
export function toThinkingConfig(
  selection: ModelSelection,
  thinking: AnthropicThinking | null | undefined,
  outputConfig?: AnthropicOutputConfig | null,
): GeminiThinkingConfig | undefined {
  const model = selection.model;
  if (!thinking) {
    const suffix = selection.thinking;
    if (!suffix) return undefined;
    return thinkingFor(model, {
      effort: suffix.level,
      ...(suffix.includeThoughts && suffix.level !== "none" && { includeThoughts: true }),
    });
  }
  if (thinking.type === "disabled") return thinkingFor(model, { effort: "none" });
  const includeThoughts = thinking.display !== "omitted";
  const budget = thinking.type === "enabled" ? thinking.budget_tokens : undefined;
  const effort = toThinkingEffort(outputConfig?.effort);
  return thinkingFor(model, {
    includeThoughts,
    ...(typeof budget === "number" ? { budgetTokens: budget } : effort && { effort }),
  });
}
