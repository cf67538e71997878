import { GEMINI_VOICES } from "../../../gemini/speech-models.ts";

/**
 * OpenAI's voices → Gemini prebuilt voices of a similar character (Google's one-word
 * descriptions in src/gemini/speech-models.ts). The gateway's choice, documented in the README.
 */
export const OPENAI_VOICES: Readonly<Record<string, keyof typeof GEMINI_VOICES>> = {
  alloy: "Zephyr", // bright, neutral
  ash: "Orus", // firm
  ballad: "Algieba", // smooth
  coral: "Aoede", // breezy
  echo: "Charon", // informative
  fable: "Puck", // upbeat
  onyx: "Algenib", // gravelly, low
  nova: "Kore", // firm, clear
  sage: "Sadaltager", // knowledgeable
  shimmer: "Leda", // youthful
  verse: "Achird", // friendly
  marin: "Sulafat", // warm
  cedar: "Iapetus", // clear
};

const BY_LOWER_CASE = new Map(Object.keys(GEMINI_VOICES).map((name) => [name.toLowerCase(), name]));

/**
 * The Gemini voice for a requested one: an OpenAI name maps, a Gemini name passes in Google's
 * spelling (whatever its case), and any other name passes as written — Gemini refuses it with
 * its own 400 if it has no such voice (a voice added after this table still works).
 */
export function toGeminiVoice(voice: string): string {
  const lower = voice.toLowerCase();
  return OPENAI_VOICES[lower] ?? BY_LOWER_CASE.get(lower) ?? voice;
}
