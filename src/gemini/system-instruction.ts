import { modelCapabilities } from "./model-capabilities.ts";
import type { GeminiContent } from "./types.ts";

/**
 * Puts a surface's system text where the model takes it: `systemInstruction`, or — for models
 * that refuse one (Gemma: "Developer instruction is not enabled for models/gemma-3-27b-it") — at
 * the start of the first user turn. A conversation of system text only (OpenAI answers it) has
 * no turn for Gemini to answer, so the text becomes the user turn Gemini needs.
 */
export function withSystemText(
  model: string,
  contents: GeminiContent[],
  text: string,
): { contents: GeminiContent[]; systemInstruction?: GeminiContent } {
  if (text === "") return { contents };
  if (contents.length === 0) return { contents: foldIntoFirstUserTurn(contents, text) };
  if (modelCapabilities(model).systemInstruction) {
    return { contents, systemInstruction: { parts: [{ text }] } };
  }
  return { contents: foldIntoFirstUserTurn(contents, text) };
}

/** Gemma: "Developer instruction is not enabled" — the system text opens the first user turn. */
export function foldIntoFirstUserTurn(contents: GeminiContent[], text: string): GeminiContent[] {
  const first = contents[0];
  if (first?.role === "user") {
    return [{ role: "user", parts: [{ text }, ...first.parts] }, ...contents.slice(1)];
  }
  return [{ role: "user", parts: [{ text }] }, ...contents];
}
