/**
 * What each Gemini model family can take, in one table every surface reads (OpenAI, Anthropic,
 * Responses, native). Facts and their sources:
 * - Thinking levels are for Gemini 3, budgets for 2.5; never both ("You can only set only one of
 *   thinking budget and thinking level."); Gemini 3 cannot switch thinking off; Gemini 3 Pro takes
 *   LOW/HIGH, 3.1 Pro LOW/MEDIUM/HIGH, Gemini 3 Flash(-Lite) MINIMAL/LOW/MEDIUM/HIGH; budgets:
 *   2.5 Pro 128–32768 (cannot be 0), 2.5 Flash 0–24576, 2.5 Flash-Lite 512–24576 or 0; -1 is
 *   dynamic. https://ai.google.dev/gemini-api/docs/thinking (and docs/gemini-3). Gemini 3 still
 *   accepts thinkingBudget "for backwards compatibility", which is what `-latest` aliases get:
 *   they move between generations.
 * - Google Search together with function declarations: Gemini 3 only, with
 *   `toolConfig.includeServerSideToolInvocations: true`
 *   (https://ai.google.dev/gemini-api/docs/tool-combination; ToolConfig in @google/genai's types);
 *   Gemini 2.x answers 400 "Tool use with function calling is unsupported".
 * - Gemma models take no systemInstruction ("Developer instruction is not enabled for
 *   models/gemma-3-…") and no thinking config.
 * - Image models (`*-image*`) answer inlineData parts; gemini-2.5-flash-image takes no thinking
 *   config, gemini-3-pro-image always thinks and takes only includeThoughts
 *   (https://ai.google.dev/gemini-api/docs/image-generation).
 * - Gemini 3 needs a thoughtSignature on the first functionCall part of each model turn of the
 *   current turn (https://ai.google.dev/gemini-api/docs/thought-signatures).
 */

export type GeminiThinkingLevelName = "MINIMAL" | "LOW" | "MEDIUM" | "HIGH";

/** Strongest last; the order used to find the nearest level a model supports. */
export const THINKING_LEVEL_ORDER: readonly GeminiThinkingLevelName[] = [
  "MINIMAL",
  "LOW",
  "MEDIUM",
  "HIGH",
];

export type ThinkingControl =
  /** thinkingLevel, one of `levels`; thinking cannot be switched off. */
  | { kind: "levels"; levels: readonly GeminiThinkingLevelName[] }
  /** thinkingBudget within [min, max]; 0 switches thinking off where `canDisable`; -1 is dynamic. */
  | { kind: "budget"; min: number; max: number; canDisable: boolean }
  /** Always thinks, takes neither level nor budget: only includeThoughts. */
  | { kind: "fixed" }
  /** No thinkingConfig at all. */
  | { kind: "none" };

export type ModelFamily =
  | "gemini-3"
  | "gemini-2.5"
  | "gemini-latest"
  | "gemini"
  | "gemma"
  | "other";

export interface ModelCapabilities {
  family: ModelFamily;
  thinking: ThinkingControl;
  /** Whether `systemInstruction` is accepted (not on Gemma). */
  systemInstruction: boolean;
  /** Whether googleSearch may sit next to functionDeclarations (then with server-side invocations). */
  searchWithFunctions: boolean;
  /** Whether the model answers images (inlineData parts). */
  imageOutput: boolean;
  /** Whether replayed functionCall parts need a thoughtSignature. */
  thoughtSignatures: boolean;
}

const FLASH_LEVELS: readonly GeminiThinkingLevelName[] = ["MINIMAL", "LOW", "MEDIUM", "HIGH"];
const BUDGET_PRO = { kind: "budget", min: 128, max: 32768, canDisable: false } as const;
const BUDGET_FLASH = { kind: "budget", min: 0, max: 24576, canDisable: true } as const;
const BUDGET_FLASH_LITE = { kind: "budget", min: 512, max: 24576, canDisable: true } as const;

const NOTHING: Omit<ModelCapabilities, "family"> = {
  thinking: { kind: "none" },
  systemInstruction: true,
  searchWithFunctions: false,
  imageOutput: false,
  thoughtSignatures: false,
};

/** The capabilities of a bare model id (no `models/`, suffixes already parsed off). */
export function modelCapabilities(model: string): ModelCapabilities {
  const id = model.toLowerCase().replace(/^models\//, "");
  const image = /-image\b/.test(id);
  if (id.startsWith("gemma-")) return { ...NOTHING, family: "gemma", systemInstruction: false };
  if (/^gemini-3(\.\d+)?-/.test(id)) {
    return {
      ...NOTHING,
      family: "gemini-3",
      thinking: gemini3Thinking(id, image),
      searchWithFunctions: !image,
      imageOutput: image,
      thoughtSignatures: true,
    };
  }
  if (id.startsWith("gemini-2.5-")) {
    return {
      ...NOTHING,
      family: "gemini-2.5",
      thinking: gemini25Thinking(id, image),
      imageOutput: image,
    };
  }
  if (/^gemini-(flash|flash-lite|pro)-latest$/.test(id)) {
    const thinking = id.startsWith("gemini-pro")
      ? BUDGET_PRO
      : id.startsWith("gemini-flash-lite")
        ? BUDGET_FLASH_LITE
        : BUDGET_FLASH;
    // Which generation answers is Google's choice: signatures are sent (2.5 ignores them).
    return { ...NOTHING, family: "gemini-latest", thinking, thoughtSignatures: true };
  }
  if (id.startsWith("gemini-")) return { ...NOTHING, family: "gemini", imageOutput: image };
  return { ...NOTHING, family: "other" };
}

function gemini3Thinking(id: string, image: boolean): ThinkingControl {
  if (image) {
    // gemini-3-pro-image thinks always; gemini-3.1-flash-image takes minimal or high.
    return id.includes("flash")
      ? { kind: "levels", levels: ["MINIMAL", "HIGH"] }
      : { kind: "fixed" };
  }
  if (id.includes("-pro")) {
    return id.startsWith("gemini-3-")
      ? { kind: "levels", levels: ["LOW", "HIGH"] }
      : { kind: "levels", levels: ["LOW", "MEDIUM", "HIGH"] };
  }
  return { kind: "levels", levels: FLASH_LEVELS };
}

function gemini25Thinking(id: string, image: boolean): ThinkingControl {
  if (image || id.includes("-tts") || id.includes("native-audio")) return { kind: "none" };
  if (id.includes("-pro")) return BUDGET_PRO;
  if (id.includes("flash-lite")) return BUDGET_FLASH_LITE;
  return BUDGET_FLASH;
}
