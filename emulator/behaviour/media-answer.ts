import type { GeminiModel } from "../models/catalog.ts";
import { type MediaFacts, mediaFactsOf, PREBUILT_VOICES } from "../models/media-models.ts";
import type { GenerateContentRequest, Part } from "../validate/request-shapes.ts";
import { lastUserContent } from "./answer-text.ts";
import type { PlannedAnswer } from "./plan-answer.ts";
import { imagePixels, makePng } from "./png-image.ts";
import { countWords } from "./tokens.ts";

type Json = Record<string, unknown>;

/** What image, speech and transcription models read from generationConfig. */
export interface MediaConfig {
  responseModalities?: string[];
  imageConfig?: { aspectRatio?: string; imageSize?: string };
  speechConfig?: {
    voiceConfig?: { prebuiltVoiceConfig?: { voiceName?: string }; voice?: string };
  };
  audioTranscriptionConfig?: { languageCodes?: string[]; wordTimestamp?: boolean };
}

export const mediaConfigOf = (request: GenerateContentRequest) =>
  (request.generationConfig ?? {}) as MediaConfig;

/** PCM as Gemini's TTS models answer it (https://ai.google.dev/gemini-api/docs/speech-generation). */
export const SPEECH_MIME_TYPE = "audio/L16;codec=pcm;rate=24000";
const SAMPLE_RATE = 24000;
/** Seconds of speech per word of input, the emulator's pace (150 words a minute). */
const SECONDS_PER_WORD = 0.4;
/** Audio output tokens per second (≈25, third-party figure: docs.empiriolabs.ai). */
const AUDIO_TOKENS_PER_SECOND = 25;

/**
 * The answer of an image, speech or transcription model, or null for other models and for
 * answers the plan already shapes (blocked prompts, finish reasons without content). Parts in
 * the order Gemini sends them; one candidate.
 */
export function mediaAnswer(
  request: GenerateContentRequest,
  model: GeminiModel,
  planned: PlannedAnswer,
): { parts: Json[]; usage: Json } | null {
  const facts = mediaFactsOf(model);
  if (!facts || planned.blockReason || planned.finish.content !== "full") return null;
  if (facts.kind === "image") {
    return planned.image ? imageAnswer(request, model, facts, planned) : null;
  }
  if (facts.kind === "speech") return speechAnswer(request);
  return transcriptionAnswer(request);
}

function imageAnswer(
  request: GenerateContentRequest,
  model: GeminiModel,
  facts: Extract<MediaFacts, { kind: "image" }>,
  planned: PlannedAnswer,
) {
  const config = mediaConfigOf(request);
  const ratio = config.imageConfig?.aspectRatio ?? "1:1";
  const size = config.imageConfig?.imageSize ?? "1K";
  const [width, height] = imagePixels(model.baseModelId, ratio, size);
  const prompt = planned.query;
  const png = makePng(width, height, prompt, prompt.includes("emulate:noisy-image"));
  const parts: Json[] = [];
  if (facts.draftThoughts) {
    parts.push({ inlineData: { mimeType: "image/png", data: DRAFT_IMAGE }, thought: true });
  }
  const modalities = config.responseModalities;
  const withText = !modalities || modalities.includes("TEXT");
  if (withText && planned.text) parts.push({ text: planned.text });
  parts.push({ inlineData: { mimeType: "image/png", data: png.toString("base64") } });
  const imageTokens = size === "4K" ? facts.tokens.large : facts.tokens.standard;
  const textTokens = withText && planned.text ? countWords(planned.text) : 0;
  return {
    parts,
    usage: usage(planned, imageTokens + textTokens, [
      { modality: "IMAGE", tokenCount: imageTokens },
      ...(textTokens ? [{ modality: "TEXT", tokenCount: textTokens }] : []),
    ]),
  };
}

/** A 1×1 PNG: the draft Gemini 3 image models show as a thought before the image. */
const DRAFT_IMAGE =
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=";

function speechAnswer(request: GenerateContentRequest) {
  const text = textOf(lastUserContent(request.contents ?? [])?.parts ?? []);
  const voice = voiceOf(mediaConfigOf(request)) ?? "Kore";
  const words = Math.max(1, countWords(text));
  const pcm = speechPcm(words, voice);
  const seconds = pcm.length / 2 / SAMPLE_RATE;
  const audioTokens = Math.ceil(seconds * AUDIO_TOKENS_PER_SECOND);
  return {
    parts: [{ inlineData: { mimeType: SPEECH_MIME_TYPE, data: pcm.toString("base64") } }],
    usage: {
      promptTokenCount: words,
      candidatesTokenCount: audioTokens,
      totalTokenCount: words + audioTokens,
      promptTokensDetails: [{ modality: "TEXT", tokenCount: words }],
      candidatesTokensDetails: [{ modality: "AUDIO", tokenCount: audioTokens }],
    },
  };
}

export const voiceOf = (config: MediaConfig) =>
  config.speechConfig?.voiceConfig?.prebuiltVoiceConfig?.voiceName ??
  config.speechConfig?.voiceConfig?.voice;

/**
 * 16-bit little-endian mono PCM at 24 kHz: one tone per word (its pitch set by the voice), with
 * a short silence after each, so the same words and voice give the same bytes.
 */
export function speechPcm(words: number, voice: string): Buffer {
  const samplesPerWord = Math.round(SECONDS_PER_WORD * SAMPLE_RATE);
  const pcm = Buffer.alloc(words * samplesPerWord * 2);
  const frequency = 120 + Math.max(0, PREBUILT_VOICES.indexOf(voice)) * 8;
  const voiced = Math.round(samplesPerWord * 0.8);
  for (let word = 0; word < words; word++) {
    for (let sample = 0; sample < voiced; sample++) {
      const time = sample / SAMPLE_RATE;
      const value = Math.round(8000 * Math.sin(2 * Math.PI * frequency * time));
      pcm.writeInt16LE(value, (word * samplesPerWord + sample) * 2);
    }
  }
  return pcm;
}

function transcriptionAnswer(request: GenerateContentRequest) {
  const parts = lastUserContent(request.contents ?? [])?.parts ?? [];
  const audio = parts.find((part) => part.inlineData?.mimeType?.startsWith("audio/"));
  const bytes = Buffer.from(audio?.inlineData?.data ?? "", "base64");
  const seconds = audioSeconds(bytes);
  const mime = audio?.inlineData?.mimeType ?? "audio";
  const transcript = `Transcript of ${mime} audio, ${seconds.toFixed(2)} seconds.`;
  const config = mediaConfigOf(request).audioTranscriptionConfig ?? {};
  const words = transcript.split(" ");
  const step = seconds / words.length;
  const audioTokens = Math.ceil(seconds * 32);
  const outputTokens = words.length;
  return {
    parts: [
      {
        text: transcript,
        ...(config.wordTimestamp && {
          audioTranscription: {
            text: transcript,
            languageCode: config.languageCodes?.[0] ?? "en-US",
            words: words.map((word, index) => ({
              word,
              startOffset: `${(index * step).toFixed(3)}s`,
              endOffset: `${((index + 1) * step).toFixed(3)}s`,
            })),
          },
        }),
      },
    ],
    usage: {
      promptTokenCount: audioTokens,
      candidatesTokenCount: outputTokens,
      totalTokenCount: audioTokens + outputTokens,
      promptTokensDetails: [{ modality: "AUDIO", tokenCount: audioTokens }],
    },
  };
}

/** A WAV's length from its header; other formats at an assumed 128 kbit/s. */
function audioSeconds(bytes: Buffer): number {
  if (bytes.length >= 44 && bytes.toString("ascii", 0, 4) === "RIFF") {
    let offset = 12;
    let byteRate = 0;
    while (offset + 8 <= bytes.length) {
      const id = bytes.toString("ascii", offset, offset + 4);
      const size = bytes.readUInt32LE(offset + 4);
      if (id === "fmt ") byteRate = bytes.readUInt32LE(offset + 16);
      if (id === "data" && byteRate > 0) {
        return Math.min(size, bytes.length - offset - 8) / byteRate;
      }
      offset += 8 + size + (size % 2);
    }
  }
  return bytes.length / 16000;
}

const textOf = (parts: readonly Part[]) =>
  parts
    .filter((part) => part.text !== undefined && !part.thought)
    .map((part) => part.text)
    .join(" ");

function usage(planned: PlannedAnswer, candidates: number, details: Json[]): Json {
  const prompt = (planned.usage.promptTokenCount as number | undefined) ?? 1;
  return {
    promptTokenCount: prompt,
    candidatesTokenCount: candidates,
    totalTokenCount: prompt + candidates,
    promptTokensDetails: planned.usage.promptTokensDetails,
    candidatesTokensDetails: details,
  };
}

/** The media answer as one GenerateContentResponse. */
export function mediaResponse(
  planned: PlannedAnswer,
  answer: { parts: Json[]; usage: Json },
): Json {
  return {
    candidates: [
      { content: { parts: answer.parts, role: "model" }, finishReason: "STOP", index: 0 },
    ],
    usageMetadata: answer.usage,
    modelVersion: planned.modelVersion,
    ...(planned.modelStatus && { modelStatus: planned.modelStatus }),
    responseId: planned.responseId,
  };
}

/**
 * The media answer as stream chunks: audio in `pieces` parts of whole samples (as Gemini streams
 * speech), any other part its own chunk; finish reason and usage on the last.
 */
export function mediaStreamChunks(
  planned: PlannedAnswer,
  answer: { parts: Json[]; usage: Json },
  pieces: number,
): Json[] {
  const chunks: Json[] = [];
  const envelope = (parts: Json[], last: boolean) => ({
    candidates: [
      {
        content: { parts, role: "model" },
        ...(last && { finishReason: "STOP" }),
        index: 0,
      },
    ],
    ...(last && { usageMetadata: answer.usage }),
    modelVersion: planned.modelVersion,
    ...(planned.modelStatus && { modelStatus: planned.modelStatus }),
    responseId: planned.responseId,
  });
  const split: Json[] = [];
  for (const part of answer.parts) {
    const blob = part.inlineData as { mimeType: string; data: string } | undefined;
    if (!blob?.mimeType.startsWith("audio/")) {
      split.push(part);
      continue;
    }
    const bytes = Buffer.from(blob.data, "base64");
    const step = Math.max(2, Math.ceil(bytes.length / pieces / 2) * 2);
    for (let offset = 0; offset < bytes.length; offset += step) {
      const data = bytes.subarray(offset, offset + step).toString("base64");
      split.push({ inlineData: { mimeType: blob.mimeType, data } });
    }
  }
  split.forEach((part, index) => {
    chunks.push(envelope([part], index === split.length - 1));
  });
  return chunks;
}
