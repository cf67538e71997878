/**
 * What Gemini's speech models take: the prebuilt voices, where a style direction goes, and which
 * models transcribe. Read by the OpenAI audio surface.
 */

/**
 * The 30 prebuilt voices, with Google's one-word character:
 * https://ai.google.dev/gemini-api/docs/speech-generation#voice-options (the list as
 * harry0703/MoneyPrinterTurbo#1195 synced it, 2026-08). Names are case-sensitive upstream.
 */
export const GEMINI_VOICES = {
  Zephyr: "Bright",
  Puck: "Upbeat",
  Charon: "Informative",
  Kore: "Firm",
  Fenrir: "Excitable",
  Leda: "Youthful",
  Orus: "Firm",
  Aoede: "Breezy",
  Callirrhoe: "Easy-going",
  Autonoe: "Bright",
  Enceladus: "Breathy",
  Iapetus: "Clear",
  Umbriel: "Easy-going",
  Algieba: "Smooth",
  Despina: "Smooth",
  Erinome: "Clear",
  Algenib: "Gravelly",
  Rasalgethi: "Informative",
  Laomedeia: "Upbeat",
  Achernar: "Soft",
  Alnilam: "Firm",
  Schedar: "Even",
  Gacrux: "Mature",
  Pulcherrima: "Forward",
  Achird: "Friendly",
  Zubenelgenubi: "Casual",
  Vindemiatrix: "Gentle",
  Sadachbia: "Lively",
  Sadaltager: "Knowledgeable",
  Sulafat: "Warm",
} as const;

export type GeminiVoice = keyof typeof GEMINI_VOICES;

/** Where a model takes a style direction ("calm, slow"). */
export type StyleDirection = "speech-metadata" | "text";

export interface SpeechModelFacts {
  /**
   * `speech-metadata`: the part's `speechMetadata.style` — the Gemini 3.8 TTS models read `text`
   * verbatim, so a direction written into it is read aloud. `text`: earlier models take the
   * direction written before the words ("Say in a calm way: ...").
   */
  style: StyleDirection;
  /** Refuses temperature/topP/topK with INVALID_ARGUMENT (3.8 TTS). */
  refusesSampling: boolean;
}

const GEMINI_3_8_TTS: SpeechModelFacts = { style: "speech-metadata", refusesSampling: true };
const EARLIER_TTS: SpeechModelFacts = { style: "text", refusesSampling: false };

/**
 * Sources: https://ai.google.dev/gemini-api/docs/models (Gemini 3.8 Flash TTS and Flash-Lite
 * TTS stable; 3.1 Flash TTS a legacy preview), Google's migration guide to Gemini 3.8 TTS
 * (docs.cloud.google.com/gemini-enterprise-agent-platform/models/text-to-speech/migration-guide:
 * style in each part's speech_metadata.style, prebuiltVoiceConfig.voiceName still works for
 * prebuilt voices, temperature/topP/topK rejected with INVALID_ARGUMENT). A TTS model not listed
 * is taken to behave as the newest ones.
 */
const SPEECH_MODELS: Readonly<Record<string, SpeechModelFacts>> = {
  "gemini-3.8-flash-tts": GEMINI_3_8_TTS,
  "gemini-3.8-flash-lite-tts": GEMINI_3_8_TTS,
  "gemini-3.1-flash-tts-preview": EARLIER_TTS,
  "gemini-2.5-flash-preview-tts": EARLIER_TTS,
  "gemini-2.5-pro-preview-tts": EARLIER_TTS,
};

export function speechModelFacts(model: string): SpeechModelFacts {
  return SPEECH_MODELS[model] ?? GEMINI_3_8_TTS;
}

/** The speech model used for OpenAI's tts-1, tts-1-hd, gpt-4o-mini-tts, ... */
export const FALLBACK_SPEECH_MODEL = "gemini-3.8-flash-tts";

/**
 * Gemini's TTS answer: 16-bit little-endian mono PCM at 24 kHz, `audio/L16;codec=pcm;rate=24000`
 * (https://ai.google.dev/gemini-api/docs/speech-generation, "the output is PCM at 24 kHz").
 */
export const SPEECH_SAMPLE_RATE = 24000;

/**
 * Models made for speech to text, which take `generationConfig.audioTranscriptionConfig`
 * (languageCodes, wordTimestamp, ...; @google/genai's AudioTranscriptionConfig, sent to the
 * Gemini API by its generationConfigToMldev) and need no instruction:
 * https://ai.google.dev/gemini-api/docs/models/gemini-3.5-transcribe. Any other Gemini model
 * transcribes when asked in words (https://ai.google.dev/gemini-api/docs/audio).
 */
const TRANSCRIPTION_MODELS = new Set(["gemini-3.5-transcribe"]);

export const isTranscriptionModel = (model: string) => TRANSCRIPTION_MODELS.has(model);

/** The model used for OpenAI's whisper-1, gpt-4o-transcribe, ... on /audio/transcriptions. */
export const FALLBACK_TRANSCRIPTION_MODEL = "gemini-3.5-transcribe";

/**
 * How many tokens one second of audio costs: "Gemini represents each second of audio as 32
 * tokens" (https://ai.google.dev/gemini-api/docs/audio, token counting). A duration when the file
 * does not say its own.
 */
export const AUDIO_TOKENS_PER_SECOND = 32;
