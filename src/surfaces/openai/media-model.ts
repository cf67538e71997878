import { type ModelId, parseModelId } from "../../gemini/model-id.ts";

/** The families whose ids pass as they are; any other name (dall-e-3, tts-1, whisper-1) is OpenAI's. */
const GEMINI_FAMILY = /^(models\/)?(gemini|gemma|learnlm)-/i;

/**
 * The Gemini model of an images or audio request: a Gemini id passes (checked by the model-id
 * grammar), an OpenAI name or none takes the configured default (`setting`, else `fallback`).
 */
export function toGeminiMediaModel(
  requested: string | undefined,
  configured: unknown,
  fallback: string,
  setting: string,
): ModelId {
  if (requested !== undefined && GEMINI_FAMILY.test(requested.trim())) {
    return parseModelId(requested.trim());
  }
  const chosen = typeof configured === "string" && configured.trim() !== "" ? configured : fallback;
  return parseModelId(chosen.trim(), setting);
}
