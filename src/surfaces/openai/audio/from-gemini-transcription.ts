import { AUDIO_TOKENS_PER_SECOND } from "../../../gemini/speech-models.ts";
import type { GeminiGenerateContentResponse, GeminiPart } from "../../../gemini/types.ts";
import { readWav } from "../../../media/wav.ts";
import { missingMediaError, modalityTokens, usageOf } from "../media-answer.ts";
import type { TimedWord, Transcript } from "./transcript-formats.ts";

/**
 * Where a transcription model puts times: the part's `audioTranscription` (@google/genai's
 * Part.audioTranscription: Transcription {text, languageCode, words: WordInfo[{word,
 * startOffset, endOffset}]}, offsets as Duration strings like "1.5s"). The Gemini API page we
 * found does not show this answer; the shape is the SDK's.
 */
interface TranscribedPart extends GeminiPart {
  audioTranscription?: {
    languageCode?: string;
    words?: { word?: string; startOffset?: string; endOffset?: string }[];
  };
}

const seconds = (duration: string | undefined) => {
  const value = Number.parseFloat(duration ?? "");
  return Number.isFinite(value) ? value : 0;
};

/**
 * Gemini's answer → the transcript: its text (a refusal or an empty answer throws, as for
 * other media), the language (Gemini's, else the one asked for, else English for a
 * translation), word times when Gemini gave them, and the audio's length — from the WAV header,
 * else from Gemini's audio token count (32 a second), else the last word's end.
 */
export function fromGeminiTranscription(
  response: GeminiGenerateContentResponse,
  context: { audio: Uint8Array; language?: string; task: string; temperature?: number },
): Transcript {
  const parts = (response.candidates?.[0]?.content?.parts ?? []) as TranscribedPart[];
  const text = parts
    .filter((part) => part.text !== undefined && !part.thought)
    .map((part) => part.text)
    .join("")
    .trim();
  const words: TimedWord[] = [];
  let language: string | undefined;
  for (const part of parts) {
    language ??= part.audioTranscription?.languageCode;
    for (const word of part.audioTranscription?.words ?? []) {
      words.push({
        word: word.word ?? "",
        start: seconds(word.startOffset),
        end: seconds(word.endOffset),
      });
    }
  }
  if (text === "" && words.length === 0) {
    const finish = response.candidates?.[0]?.finishReason;
    // An empty transcript of silence is an answer; a refusal or a cut answer is not.
    if (response.promptFeedback?.blockReason || (finish && finish !== "STOP")) {
      throw missingMediaError(response, "audio");
    }
  }
  const wav = readWav(context.audio);
  const audioTokens = modalityTokens(usageOf(response)?.promptTokensDetails, "AUDIO");
  const duration = wav
    ? wav.dataBytes / wav.byteRate
    : audioTokens > 0
      ? audioTokens / AUDIO_TOKENS_PER_SECOND
      : (words.at(-1)?.end ?? 0);
  return {
    text: text !== "" ? text : words.map((word) => word.word).join(" "),
    language:
      language ?? context.language ?? (context.task === "translate" ? "english" : "unknown"),
    duration: Math.round(duration * 1000) / 1000,
    words,
    temperature: context.temperature ?? 0,
  };
}

/** OpenAI's token usage of gpt-4o-transcribe, from Gemini's counts. */
export function transcriptionUsage(response: GeminiGenerateContentResponse) {
  const usage = usageOf(response);
  if (!usage) return undefined;
  const input = usage.promptTokenCount ?? 0;
  const audio = modalityTokens(usage.promptTokensDetails, "AUDIO");
  const output = (usage.candidatesTokenCount ?? 0) + (usage.thoughtsTokenCount ?? 0);
  return {
    type: "tokens" as const,
    input_tokens: input,
    input_token_details: { audio_tokens: audio, text_tokens: input - audio },
    output_tokens: output,
    total_tokens: input + output,
  };
}
