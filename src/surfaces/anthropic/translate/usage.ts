import type { GeminiUsageMetadata } from "../../../gemini/types.ts";
import type {
  AnthropicDeltaUsage,
  AnthropicServerToolUsage,
  AnthropicUsage,
} from "./anthropic-types.ts";
import { fromGeminiServiceTier } from "./service-tier.ts";

/**
 * Gemini usageMetadata → Anthropic usage. Anthropic's input_tokens excludes tokens read from a
 * cache (cache_read_input_tokens), Gemini's promptTokenCount includes them; thoughts are output,
 * and also `output_tokens_details.thinking_tokens`. The gateway never writes Anthropic's prompt
 * cache, so cache creation is 0 in both TTLs. `server_tool_use` counts the web searches Gemini
 * ran (null when it ran none); where Gemini does not say (region, speed, tier) the field is null.
 */
export function toAnthropicUsage(
  usage: GeminiUsageMetadata | undefined,
  serverTools: AnthropicServerToolUsage | null = null,
): AnthropicUsage {
  const prompt = (usage?.promptTokenCount ?? 0) + (usage?.toolUsePromptTokenCount ?? 0);
  const cached = usage?.cachedContentTokenCount ?? 0;
  const thoughts = usage?.thoughtsTokenCount ?? 0;
  return {
    input_tokens: Math.max(prompt - cached, 0),
    output_tokens: (usage?.candidatesTokenCount ?? 0) + thoughts,
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: cached,
    cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 },
    output_tokens_details: { thinking_tokens: thoughts },
    server_tool_use: serverTools,
    service_tier: fromGeminiServiceTier(usage) ?? null,
    inference_geo: null,
    speed: null,
  };
}

/**
 * The usage `message_delta` carries: Anthropic's MessageDeltaUsage (the cumulative counts), plus
 * `service_tier` — Gemini says which tier served only with its usage, usually after
 * message_start went out, so the end of the stream is where a client can learn it.
 */
export function toDeltaUsage(
  usage: AnthropicUsage,
): AnthropicDeltaUsage & Pick<AnthropicUsage, "service_tier"> {
  return {
    input_tokens: usage.input_tokens,
    output_tokens: usage.output_tokens,
    cache_creation_input_tokens: usage.cache_creation_input_tokens,
    cache_read_input_tokens: usage.cache_read_input_tokens,
    output_tokens_details: usage.output_tokens_details,
    server_tool_use: usage.server_tool_use,
    service_tier: usage.service_tier,
  };
}
