import type { Context } from "hono";
import { FALLBACK_SPEECH_MODEL } from "../../../gemini/speech-models.ts";
import type { GeminiGenerateContentResponse } from "../../../gemini/types.ts";
import type { AppEnv } from "../../../http/app-env.ts";
import { readJsonBody } from "../../../http/read-json-body.ts";
import { wavHeader } from "../../../media/wav.ts";
import { poolFor } from "../../../pool/pool-from-env.ts";
import { streamFromGemini } from "../../../stream/translated-stream.ts";
import { toGeminiMediaModel } from "../media-model.ts";
import { wholeSpeech } from "./from-gemini-speech.ts";
import { parseSpeechRequest } from "./speech-request.ts";
import { createSpeechStreamTranslator } from "./speech-stream.ts";
import { toGeminiSpeechRequest } from "./to-gemini-speech.ts";

const CONTENT_TYPES = { wav: "audio/wav", pcm: "audio/pcm" } as const;

/**
 * `POST /v1/audio/speech`: text in, Gemini TTS out as WAV or raw PCM (24 kHz, 16-bit, mono —
 * what OpenAI's `pcm` is), or as OpenAI's SSE audio events with `stream_format: "sse"`.
 */
export async function speech(c: Context<AppEnv>) {
  const request = parseSpeechRequest(await readJsonBody(c));
  const model = toGeminiMediaModel(
    request.model,
    c.env.DEFAULT_TTS_MODEL,
    FALLBACK_SPEECH_MODEL,
    "DEFAULT_TTS_MODEL",
  );
  const body = toGeminiSpeechRequest(request, model);
  const pool = poolFor(c);
  if (request.sse) {
    const stream = await streamFromGemini(
      pool,
      { model, body },
      createSpeechStreamTranslator(request.format),
    );
    return new Response(stream, {
      headers: { "content-type": "text/event-stream", "cache-control": "no-cache" },
    });
  }
  const response = await pool.json<GeminiGenerateContentResponse>({
    kind: "model-method",
    model,
    method: "generateContent",
    body,
  });
  const pcm = wholeSpeech(response);
  const parts = (
    request.format === "wav" ? [wavHeader(pcm.bytes, pcm.sampleRate), ...pcm.pieces] : pcm.pieces
  ) as Uint8Array<ArrayBuffer>[];
  return new Response(new Blob(parts), {
    headers: { "content-type": CONTENT_TYPES[request.format] },
  });
}
