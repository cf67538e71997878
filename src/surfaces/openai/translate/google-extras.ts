import type { GeminiGenerateContentRequest } from "../../../gemini/types.ts";
import type { GoogleExtras } from "./openai-types.ts";

/** Fields of the request itself; every other `google` key belongs to generationConfig. */
const REQUEST_FIELDS = new Set(["safetySettings", "cachedContent", "toolConfig", "serviceTier"]);

/**
 * Applies `extra_body.google` (snake_case or camelCase keys) onto a Gemini request; these win
 * over what the translation produced. `thinking_config` is handled by toChatThinkingConfig.
 */
export function applyGoogleExtras(
  body: GeminiGenerateContentRequest,
  extras: GoogleExtras | undefined,
) {
  if (!extras) return;
  for (const [key, value] of Object.entries(extras)) {
    const field = toCamelCase(key);
    if (value === undefined || field === "thinkingConfig") continue;
    if (field === "generationConfig" && isObject(value)) {
      for (const [inner, innerValue] of Object.entries(value)) {
        if (toCamelCase(inner) === "thinkingConfig") continue;
        body.generationConfig = { ...body.generationConfig, [toCamelCase(inner)]: innerValue };
      }
    } else if (REQUEST_FIELDS.has(field)) {
      (body as unknown as Record<string, unknown>)[field] = value;
    } else {
      body.generationConfig = { ...body.generationConfig, [field]: value };
    }
  }
}

const toCamelCase = (key: string) =>
  key.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);
