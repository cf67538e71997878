import type { ModelSelection } from "../../../gemini/model-name.ts";
import {
  type ThinkingRequest,
  thinkingFor,
  toThinkingEffort,
} from "../../../gemini/thinking-config.ts";
import type { GeminiThinkingConfig } from "../../../gemini/types.ts";
import type { OpenAIChatRequest } from "./openai-types.ts";

/**
 * The OpenAI chat request's thinking wishes → the model's thinkingConfig. `google.thinking_config`
 * (snake or camel case) wins over a `-thinking-`/`-refined-` suffix, which wins over
 * `reasoning_effort`; `-thinking-` asks for thoughts, `-refined-` does not.
 */
export function toChatThinkingConfig(
  selection: ModelSelection,
  request: OpenAIChatRequest,
): GeminiThinkingConfig | undefined {
  const extras = readExtras(request.google?.thinking_config ?? request.google?.thinkingConfig);
  const wish: ThinkingRequest = {
    ...extras,
    effort: toThinkingEffort(selection.thinking?.level ?? request.reasoning_effort),
  };
  if (wish.includeThoughts === undefined && selection.thinking) {
    wish.includeThoughts =
      selection.thinking.includeThoughts && selection.thinking.level !== "none";
    if (!wish.includeThoughts) delete wish.includeThoughts;
  }
  return thinkingFor(selection.model, wish);
}

function readExtras(extras: unknown): ThinkingRequest {
  if (!extras || typeof extras !== "object") return {};
  const source = extras as Record<string, unknown>;
  const pick = (snake: string, camel: string) => source[snake] ?? source[camel];
  const budget = pick("thinking_budget", "thinkingBudget");
  const level = pick("thinking_level", "thinkingLevel");
  const include = pick("include_thoughts", "includeThoughts");
  const wish: ThinkingRequest = {};
  if (typeof budget === "number") wish.budgetTokens = budget;
  if (typeof level === "string") wish.level = level;
  if (typeof include === "boolean") wish.includeThoughts = include;
  return wish;
}
