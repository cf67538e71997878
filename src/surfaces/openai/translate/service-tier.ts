import { servedTier } from "../../../gemini/service-tier.ts";
import type { GeminiServiceTier, GeminiUsageMetadata } from "../../../gemini/types.ts";

type OpenAIServiceTier = "auto" | "default" | "flex" | "scale" | "priority";

/**
 * OpenAI's `service_tier` → Gemini's top-level `serviceTier`: `flex` and `priority` are the same
 * tiers, `default` is Gemini's `standard`; `auto` (and `scale`, which Gemini has no counterpart of,
 * as OpenAI serves it without Scale Tier credits) leave the field out: Gemini's default, standard.
 * https://ai.google.dev/gemini-api/docs/priority-inference, https://platform.openai.com/docs/api-reference/chat/create#chat-create-service_tier
 */
export function toGeminiServiceTier(
  tier: OpenAIServiceTier | null | undefined,
): GeminiServiceTier | undefined {
  if (tier === "flex" || tier === "priority") return tier;
  if (tier === "default") return "standard";
  return undefined;
}

/** The tier Gemini says served the request, in OpenAI's words (`standard` is `default`). */
export function fromGeminiServiceTier(
  usage: GeminiUsageMetadata | undefined,
): "default" | "flex" | "priority" | undefined {
  const tier = servedTier(usage);
  return tier === "standard" ? "default" : tier;
}
