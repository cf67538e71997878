import type { GeminiGenerateContentRequest } from "../../../gemini/types.ts";
import type { GoogleExtras } from "./openai-types.ts";

/**
 * Members of Gemini's request itself (beside contents and generationConfig); every other `google`
 * key belongs to generationConfig. A record over the request type's keys, so a member added to
 * GeminiGenerateContentRequest must be placed here too (the compiler asks).
 */
const REQUEST_MEMBERS: Record<
  Exclude<keyof GeminiGenerateContentRequest, "contents" | "generationConfig">,
  true
> = {
  systemInstruction: true,
  tools: true,
  toolConfig: true,
  safetySettings: true,
  cachedContent: true,
  serviceTier: true,
  continuationToken: true,
};
/** Plus the protos' GenerateContentRequest members the gateway's type leaves out (store). */
const REQUEST_FIELDS: ReadonlySet<string> = new Set([...Object.keys(REQUEST_MEMBERS), "store"]);

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
