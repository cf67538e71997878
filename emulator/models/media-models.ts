import type { GeminiModel } from "./catalog.ts";

/**
 * Image, speech and transcription models: what each makes or takes (their catalog entries, ids
 * and limits come from the model table like every other model's: catalog.ts).
 * The emulator's own copy of Google's facts (it does not read the gateway's tables), each with
 * its source; rules in validate/media-rules.ts, answers in behaviour/media-answer.ts.
 */

export type MediaFacts =
  | {
      kind: "image";
      /** aspectRatio values taken, in the order Google's refusal lists them. */
      aspectRatios: readonly string[];
      /** imageSize values taken; empty = the field is refused. */
      imageSizes: readonly string[];
      /** Output tokens per image at 1K/2K and at 4K. */
      tokens: { standard: number; large: number };
      /** Gemini 3 image models show draft images as thought parts first. */
      draftThoughts: boolean;
    }
  | { kind: "speech"; styleInMetadata: boolean; refusesSampling: boolean; needsVoice: boolean }
  | { kind: "transcription" };

/** Google's refusal lists ratios so: muyouzhi6/astrbot_plugin_gitee_aiimg#37 (quoted 400). */
const ALL_RATIOS = [
  "1:1",
  "1:4",
  "1:8",
  "2:3",
  "3:2",
  "3:4",
  "4:1",
  "4:3",
  "4:5",
  "5:4",
  "8:1",
  "9:16",
  "16:9",
  "21:9",
];
const COMMON_RATIOS = ALL_RATIOS.filter((ratio) => !["1:4", "1:8", "4:1", "8:1"].includes(ratio));

/**
 * Image models: https://ai.google.dev/gemini-api/docs/image-generation (ratios, 1K/2K/4K, 512
 * on 3.1 Flash Image; 2.5 Flash Image 1K only) and the pricing page (1290 output tokens per
 * 2.5 Flash Image; 1120 per Gemini 3 Pro Image at 1K/2K, 2000 at 4K).
 */
const GEMINI_3_IMAGE: MediaFacts = {
  kind: "image",
  aspectRatios: COMMON_RATIOS,
  imageSizes: ["1K", "2K", "4K"],
  tokens: { standard: 1120, large: 2000 },
  draftThoughts: true,
};
const GEMINI_3_1_FLASH_IMAGE: MediaFacts = {
  ...GEMINI_3_IMAGE,
  aspectRatios: ALL_RATIOS,
  imageSizes: ["512", "1K", "2K", "4K"],
};

/**
 * Speech: Gemini 3.8 TTS take style in speechMetadata and refuse sampling settings (Google's
 * migration guide to Gemini 3.8 TTS); 3.1 Flash TTS refuses a request without a voice
 * (genkit-ai/genkit#5489); 2.5 TTS uses a default voice (same issue).
 */
const GEMINI_3_8_TTS: MediaFacts = {
  kind: "speech",
  styleInMetadata: true,
  refusesSampling: true,
  needsVoice: true,
};

export const MEDIA_FACTS: Readonly<Record<string, MediaFacts>> = {
  "gemini-2.5-flash-image": {
    kind: "image",
    aspectRatios: COMMON_RATIOS,
    imageSizes: [],
    tokens: { standard: 1290, large: 1290 },
    draftThoughts: false,
  },
  "gemini-3-pro-image-preview": GEMINI_3_IMAGE,
  "gemini-3-pro-image": GEMINI_3_IMAGE,
  "gemini-3.1-flash-image": GEMINI_3_1_FLASH_IMAGE,
  "gemini-3.8-flash-tts": GEMINI_3_8_TTS,
  "gemini-3.8-flash-lite-tts": GEMINI_3_8_TTS,
  "gemini-3.1-flash-tts-preview": {
    kind: "speech",
    styleInMetadata: false,
    refusesSampling: false,
    needsVoice: true,
  },
  "gemini-2.5-flash-preview-tts": {
    kind: "speech",
    styleInMetadata: false,
    refusesSampling: false,
    needsVoice: false,
  },
  "gemini-3.5-transcribe": { kind: "transcription" },
};

export const mediaFactsOf = (model: GeminiModel): MediaFacts | undefined =>
  MEDIA_FACTS[model.baseModelId];

/**
 * The 30 prebuilt voices: https://ai.google.dev/gemini-api/docs/speech-generation#voice-options.
 */
export const PREBUILT_VOICES = [
  "Zephyr",
  "Puck",
  "Charon",
  "Kore",
  "Fenrir",
  "Leda",
  "Orus",
  "Aoede",
  "Callirrhoe",
  "Autonoe",
  "Enceladus",
  "Iapetus",
  "Umbriel",
  "Algieba",
  "Despina",
  "Erinome",
  "Algenib",
  "Rasalgethi",
  "Laomedeia",
  "Achernar",
  "Alnilam",
  "Schedar",
  "Gacrux",
  "Pulcherrima",
  "Achird",
  "Zubenelgenubi",
  "Vindemiatrix",
  "Sadachbia",
  "Sadaltager",
  "Sulafat",
];
