import { isTranscriptionModel } from "../../../gemini/speech-models.ts";
import type { GeminiGenerateContentRequest, GeminiPart } from "../../../gemini/types.ts";
import type { InlineMedia } from "../../../media/data-url.ts";
import type { TranscriptionRequest } from "./transcription-request.ts";

/**
 * The audio and what to do with it, as generateContent. A transcription model
 * (gemini-3.5-transcribe) takes the audio alone and `audioTranscriptionConfig`: `language` as
 * `languageCodes`, `prompt` as `customVocabulary` (its comma- or line-separated terms), word
 * timestamps when the answer has times (verbose_json, srt, vtt). Any other model is asked in
 * words (https://ai.google.dev/gemini-api/docs/audio): transcribe verbatim, or translate into
 * English, with `language`, `prompt` (as context) and `temperature`.
 */
export function toGeminiTranscriptionRequest(
  request: TranscriptionRequest,
  audio: InlineMedia,
  model: string,
): GeminiGenerateContentRequest {
  const audioPart: GeminiPart = { inlineData: audio };
  if (request.task === "transcribe" && isTranscriptionModel(model)) {
    const vocabulary = (request.prompt ?? "")
      .split(/[,\n]/)
      .map((term) => term.trim())
      .filter((term) => term !== "")
      .slice(0, 1000);
    const timed = request.format !== "json" && request.format !== "text";
    return {
      contents: [{ role: "user", parts: [audioPart] }],
      generationConfig: {
        audioTranscriptionConfig: {
          ...(request.language && { languageCodes: [request.language] }),
          ...(vocabulary.length > 0 && { customVocabulary: vocabulary }),
          ...(timed && { wordTimestamp: true }),
        },
      },
    };
  }
  const ask =
    request.task === "translate"
      ? "Translate the speech in this audio into English. Answer with the English text only, nothing else."
      : "Transcribe the speech in this audio verbatim. Answer with the transcript only, nothing else.";
  const language = request.language
    ? ` The speech is in the language with code '${request.language}'.`
    : "";
  const context = request.prompt
    ? ` Context (what was said before, or terms it uses): ${request.prompt}`
    : "";
  return {
    contents: [{ role: "user", parts: [{ text: `${ask}${language}${context}` }, audioPart] }],
    ...(request.temperature !== undefined && {
      generationConfig: { temperature: request.temperature },
    }),
  };
}
