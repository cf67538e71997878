import type { GeminiServiceTier, GeminiUsageMetadata } from "./types.ts";

/**
 * Gemini's inference tiers (https://ai.google.dev/gemini-api/docs/priority-inference, /flex-inference):
 * `standard` (the default when the field is left out), `flex` (cheaper, best effort) and
 * `priority` (Tier 2 and 3 projects; "gracefully downgraded" to standard when over its limit).
 * The request field is the top-level `serviceTier`; the tier that served the request comes back
 * as `usageMetadata.serviceTier` (@google/genai's UsageMetadata). Each surface maps its own words.
 */
const TIERS: readonly GeminiServiceTier[] = ["flex", "standard", "priority"];

/**
 * The tier that served a response, or undefined when Gemini did not say. Read leniently: the SDK
 * spells the values in lower case, Google's older examples `SERVICE_TIER_PRIORITY`.
 */
export function servedTier(usage: GeminiUsageMetadata | undefined): GeminiServiceTier | undefined {
  const raw = usage?.serviceTier;
  if (typeof raw !== "string") return undefined;
  const name = raw.toLowerCase().replace(/^service_tier_/, "");
  return TIERS.find((tier) => tier === name);
}
