import type { GeminiUsageMetadata } from "../../../gemini/types.ts";
import type { ResponsesUsage } from "./response-types.ts";

/**
 * Gemini's usageMetadata → Responses usage. Thought tokens are output tokens (OpenAI counts
 * reasoning inside output_tokens), and `output_tokens_details.reasoning_tokens` is always present.
 * Gemini reports tokens read from a cache, never tokens written to one: `cache_write_tokens` is 0.
 */
export function fromGeminiUsage(usage: GeminiUsageMetadata): ResponsesUsage {
  const input = (usage.promptTokenCount ?? 0) + (usage.toolUsePromptTokenCount ?? 0);
  const reasoning = usage.thoughtsTokenCount ?? 0;
  const output = (usage.candidatesTokenCount ?? 0) + reasoning;
  return {
    input_tokens: input,
    input_tokens_details: {
      cached_tokens: usage.cachedContentTokenCount ?? 0,
      cache_write_tokens: 0,
    },
    output_tokens: output,
    output_tokens_details: { reasoning_tokens: reasoning },
    total_tokens: usage.totalTokenCount ?? input + output,
  };
}
