/**
 * The media workloads (issue 23): a 2K image answer and 30 s of speech, each as the OpenAI request
 * and as the Gemini request the router makes of it (built by the router's own translation), so
 * floor and router paths make the same Gemini call. The emulator's `emulate:noisy-image` makes
 * the PNG incompressible — as heavy as a photo (2048x2048 RGB: 12.6 MB, 16.8 MB as base64),
 * heavier than Gemini's own answers, which are compressed images.
 */

import { parseSpeechRequest } from "../src/surfaces/openai/audio/speech-request.ts";
import { toGeminiSpeechRequest } from "../src/surfaces/openai/audio/to-gemini-speech.ts";
import { toGeminiImageCall } from "../src/surfaces/openai/images/image-call.ts";
import { parseImageRequest } from "../src/surfaces/openai/images/image-request.ts";
import type { Credentials, RequestSpec, Workload } from "./workloads.ts";

/** 75 words: the emulator speaks 0.4 s a word, so 30 s of 24 kHz PCM (1.44 MB). */
const SPEECH_TEXT = Array.from({ length: 75 }, (_, index) => `word${index}`).join(" ");

export function buildMediaWorkloads(credentials: Credentials): Workload[] {
  const geminiHeaders = { "content-type": "application/json", "x-goog-api-key": credentials.key };
  const openaiHeaders = {
    "content-type": "application/json",
    authorization: `Bearer ${credentials.pass}`,
  };
  const post = (path: string, headers: Record<string, string>, body: unknown): RequestSpec => ({
    method: "POST",
    path,
    headers,
    body: JSON.stringify(body),
  });
  const image = {
    model: "gemini-3-pro-image",
    prompt: "a photo-like test card emulate:noisy-image",
    size: "2048x2048",
  };
  const imageCall = toGeminiImageCall(
    parseImageRequest(image, { form: false, extra: [] }),
    [],
    undefined,
  );
  const speech = {
    model: "gemini-3.8-flash-tts",
    voice: "alloy",
    input: SPEECH_TEXT,
    response_format: "wav",
  };
  const speechBody = toGeminiSpeechRequest(parseSpeechRequest(speech), speech.model);
  const workloads: Omit<Workload, "native">[] = [
    {
      name: "image-2k",
      label: "image generation, one 2048x2048 PNG answer",
      streaming: false,
      gemini: post(
        `/v1beta/models/${imageCall.model}:generateContent`,
        geminiHeaders,
        imageCall.body,
      ),
      openai: post("/v1/images/generations", openaiHeaders, image),
    },
    {
      name: "speech-30s",
      label: "speech, 30 s of 24 kHz PCM as WAV",
      streaming: false,
      gemini: post(`/v1beta/models/${speech.model}:generateContent`, geminiHeaders, speechBody),
      openai: post("/v1/audio/speech", openaiHeaders, speech),
    },
  ];
  return workloads.map((workload) => ({
    ...workload,
    native: {
      ...workload.gemini,
      headers: { ...workload.gemini.headers, "x-goog-api-key": credentials.pass },
    },
  }));
}
