import { modelCapabilities } from "./model-capabilities.ts";

/**
 * The largest maxOutputTokens a model accepts (Gemini refuses more): 65,536 for 2.5 and 3, 8,192
 * for 2.0 and Gemma; undefined when unknown (the request then says what the client asked).
 * Claude clients ask for up to 64,000 and more whatever model serves them.
 */
export function outputTokenLimit(model: string): number | undefined {
  const family = modelCapabilities(model).family;
  if (family === "gemini-3" || family === "gemini-2.5" || family === "gemini-latest") return 65_536;
  if (model.startsWith("gemini-2.0") || family === "gemma") return 8_192;
  return undefined;
}
