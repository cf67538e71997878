import type { GeminiUsageMetadata } from "../../../gemini/types.ts";
import type { OpenAIUsage } from "./openai-types.ts";

/** Gemini usageMetadata → OpenAI usage; thoughts count as (reasoning) completion tokens. */
export function fromGeminiUsage(usage: GeminiUsageMetadata | undefined): OpenAIUsage | undefined {
  if (!usage) return undefined;
  const prompt = (usage.promptTokenCount ?? 0) + (usage.toolUsePromptTokenCount ?? 0);
  const reasoning = usage.thoughtsTokenCount ?? 0;
  const completion = (usage.candidatesTokenCount ?? 0) + reasoning;
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: usage.totalTokenCount ?? prompt + completion,
    prompt_tokens_details: { cached_tokens: usage.cachedContentTokenCount ?? 0 },
    completion_tokens_details: { reasoning_tokens: reasoning },
  };
}
