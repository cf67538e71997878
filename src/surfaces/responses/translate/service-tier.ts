import { servedTier } from "../../../gemini/service-tier.ts";
import type { GeminiServiceTier, GeminiUsageMetadata } from "../../../gemini/types.ts";

export type ResponsesServiceTier = "auto" | "default" | "flex" | "scale" | "priority";

/**
 * The Responses API's `service_tier` → Gemini's top-level `serviceTier`, as on chat: `flex` and
 * `priority` are the same tiers, `default` is `standard`, `auto` and `scale` (no Gemini
 * counterpart) leave Gemini's default. https://ai.google.dev/gemini-api/docs/priority-inference
 */
export function toGeminiServiceTier(
  tier: ResponsesServiceTier | null | undefined,
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
