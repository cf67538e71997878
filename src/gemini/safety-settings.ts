import type { GeminiSafetySetting } from "./types.ts";

/**
 * Categories every model accepts (CIVIC_INTEGRITY is not one of them), all unblocked: the client
 * decides what it wants. Every translating surface sends these unless its client chose others.
 */
export const DEFAULT_SAFETY_SETTINGS: readonly GeminiSafetySetting[] = [
  "HARM_CATEGORY_HARASSMENT",
  "HARM_CATEGORY_HATE_SPEECH",
  "HARM_CATEGORY_SEXUALLY_EXPLICIT",
  "HARM_CATEGORY_DANGEROUS_CONTENT",
].map((category) => ({ category, threshold: "BLOCK_NONE" }));
