import type { GeminiUsageMetadata } from "../../../gemini/types.ts";
import type { AnthropicUsage } from "./anthropic-types.ts";
import { fromGeminiServiceTier } from "./service-tier.ts";

/**
 * Gemini usageMetadata → Anthropic usage. Anthropic's input_tokens excludes tokens read from a
 * cache (cache_read_input_tokens), Gemini's promptTokenCount includes them; thoughts are output.
 */
export function toAnthropicUsage(usage: GeminiUsageMetadata | undefined): AnthropicUsage {
  const prompt = (usage?.promptTokenCount ?? 0) + (usage?.toolUsePromptTokenCount ?? 0);
  const cached = usage?.cachedContentTokenCount ?? 0;
  const serviceTier = fromGeminiServiceTier(usage);
  return {
    input_tokens: Math.max(prompt - cached, 0),
    output_tokens: (usage?.candidatesTokenCount ?? 0) + (usage?.thoughtsTokenCount ?? 0),
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: cached,
    ...(serviceTier !== undefined && { service_tier: serviceTier }),
  };
}
