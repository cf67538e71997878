import { ApiError } from "../../../../common/api-error.ts";
import { SPEECH_SAMPLE_RATE } from "../../../gemini/speech-models.ts";
import type { GeminiGenerateContentResponse } from "../../../gemini/types.ts";
import { decodeBase64 } from "../../../media/base64-bytes.ts";
import { readWav } from "../../../media/wav.ts";
import { missingMediaError, usageOf } from "../media-answer.ts";

/** Samples from one or more audio parts, and their rate. */
export interface SpeechPcm {
  pieces: Uint8Array[];
  bytes: number;
  sampleRate: number;
}

const RATE = /rate=(\d+)/i;

/**
 * Gemini's audio parts → 16-bit mono PCM. Gemini's API answers `audio/L16;codec=pcm;rate=24000`;
 * a WAV (what Google's Enterprise endpoint answers whole 3.8 TTS requests with, per its migration
 * guide) is read to its samples. Anything else is a 502: the gateway encodes nothing.
 */
export function speechPcmOf(response: GeminiGenerateContentResponse, pcm: SpeechPcm): SpeechPcm {
  for (const part of response.candidates?.[0]?.content?.parts ?? []) {
    const blob = part.inlineData;
    if (part.thought || !blob?.mimeType.toLowerCase().startsWith("audio/")) continue;
    const mimeType = blob.mimeType.toLowerCase();
    let bytes = decodeBase64(blob.data);
    if (mimeType.startsWith("audio/l16") || mimeType.startsWith("audio/pcm")) {
      pcm.sampleRate = Number(RATE.exec(mimeType)?.[1] ?? SPEECH_SAMPLE_RATE);
    } else if (mimeType === "audio/wav" || mimeType === "audio/x-wav") {
      const wav = readWav(bytes);
      if (!wav) throw unreadable(mimeType);
      pcm.sampleRate = wav.sampleRate;
      bytes = bytes.subarray(wav.dataOffset, wav.dataOffset + wav.dataBytes);
    } else {
      throw unreadable(mimeType);
    }
    pcm.pieces.push(bytes);
    pcm.bytes += bytes.length;
  }
  return pcm;
}

export const emptyPcm = (): SpeechPcm => ({ pieces: [], bytes: 0, sampleRate: SPEECH_SAMPLE_RATE });

/** The whole answer's samples; no audio at all is Gemini's refusal or a 502. */
export function wholeSpeech(response: GeminiGenerateContentResponse): SpeechPcm {
  const pcm = speechPcmOf(response, emptyPcm());
  if (pcm.bytes === 0) throw missingMediaError(response, "audio");
  return pcm;
}

const unreadable = (mimeType: string) =>
  new ApiError(502, `Gemini answered audio as ${mimeType}, which the gateway does not read.`, {
    type: "api_error",
    code: "upstream_bad_response",
  });

/** OpenAI's speech usage: input (text) tokens, output (audio) tokens. */
export function speechUsage(response: GeminiGenerateContentResponse | undefined) {
  const usage = response ? usageOf(response) : undefined;
  const input = usage?.promptTokenCount ?? 0;
  const output = (usage?.candidatesTokenCount ?? 0) + (usage?.thoughtsTokenCount ?? 0);
  return { input_tokens: input, output_tokens: output, total_tokens: input + output };
}
