import { servedTier } from "../../../gemini/service-tier.ts";
import type { GeminiServiceTier, GeminiUsageMetadata } from "../../../gemini/types.ts";

/**
 * Anthropic's request `service_tier` → Gemini's `serviceTier`: `standard_only` is Gemini's
 * `standard`; `auto` (priority capacity when the account has it) leaves Gemini's default, which is
 * standard too — Gemini's priority tier is asked for, never assumed.
 * https://docs.anthropic.com/en/api/service-tiers, https://ai.google.dev/gemini-api/docs/priority-inference
 */
export function toGeminiServiceTier(
  tier: "auto" | "standard_only" | null | undefined,
): GeminiServiceTier | undefined {
  return tier === "standard_only" ? "standard" : undefined;
}

/** `usage.service_tier`: the tier Gemini says served the request; flex has no Anthropic word. */
export function fromGeminiServiceTier(
  usage: GeminiUsageMetadata | undefined,
): "standard" | "priority" | null | undefined {
  const tier = servedTier(usage);
  if (tier === undefined) return undefined;
  return tier === "flex" ? null : tier;
}
