import { speechModelFacts } from "../../../gemini/speech-models.ts";
import type { GeminiGenerateContentRequest } from "../../../gemini/types.ts";
import type { SpeechRequest } from "./speech-request.ts";
import { toGeminiVoice } from "./speech-voice.ts";

/**
 * A speech request as Gemini's TTS takes it (https://ai.google.dev/gemini-api/docs/speech-generation):
 * the words as the part's text, audio output only, and the voice — a prebuilt one in
 * `prebuiltVoiceConfig.voiceName`, a custom one (`{id}`) in `voiceConfig.voice`. `instructions`
 * go in the part's `speechMetadata.style` on the 3.8 models (they read `text` verbatim, so a
 * direction written there is read aloud); earlier models take it written before the words.
 * No sampling settings: the 3.8 TTS models refuse them.
 */
export function toGeminiSpeechRequest(
  request: SpeechRequest,
  model: string,
): GeminiGenerateContentRequest {
  const style = request.instructions;
  const inMetadata = speechModelFacts(model).style === "speech-metadata";
  const part =
    style === undefined
      ? { text: request.input }
      : inMetadata
        ? { text: request.input, speechMetadata: { style } }
        : { text: `${style}: ${request.input}` };
  const voiceConfig =
    typeof request.voice === "string"
      ? { prebuiltVoiceConfig: { voiceName: toGeminiVoice(request.voice) } }
      : { voice: request.voice.id };
  return {
    contents: [{ role: "user", parts: [part] }],
    generationConfig: { responseModalities: ["AUDIO"], speechConfig: { voiceConfig } },
  };
}
