import type { Context } from "hono";
import { badRequest } from "../../../../common/api-error.ts";
import { FALLBACK_DEFAULT_MODEL } from "../../../env.ts";
import { parseModelName } from "../../../gemini/model-name.ts";
import { FALLBACK_TRANSCRIPTION_MODEL } from "../../../gemini/speech-models.ts";
import type { GeminiGenerateContentResponse } from "../../../gemini/types.ts";
import type { AppEnv } from "../../../http/app-env.ts";
import { poolFor } from "../../../pool/pool-from-env.ts";
import { toGeminiMediaModel } from "../media-model.ts";
import { readForm } from "../read-form.ts";
import { toInlineAudio } from "./audio-file.ts";
import { fromGeminiTranscription, transcriptionUsage } from "./from-gemini-transcription.ts";
import { languageName } from "./language-names.ts";
import { toGeminiTranscriptionRequest } from "./to-gemini-transcription.ts";
import { toSegments, toSrt, toVtt } from "./transcript-formats.ts";
import { parseTranscriptionRequest, type TranscriptionRequest } from "./transcription-request.ts";

/** `POST /v1/audio/transcriptions` (multipart): speech to text in its own language. */
export const transcriptions = (c: Context<AppEnv>) => transcribe(c, "transcribe");

/** `POST /v1/audio/translations` (multipart): speech to English text. */
export const translations = (c: Context<AppEnv>) => transcribe(c, "translate");

/**
 * Both through the pool as one generateContent call. Transcriptions use
 * DEFAULT_TRANSCRIPTION_MODEL for OpenAI names (whisper-1, gpt-4o-transcribe, …); translations use
 * DEFAULT_MODEL (translating needs a general model). Gemini ids pass on both.
 */
async function transcribe(c: Context<AppEnv>, task: TranscriptionRequest["task"]) {
  const form = await readForm(c);
  for (const name of form.files.keys()) {
    if (name !== "file") throw unrecognized(name);
  }
  const request = parseTranscriptionRequest(form.fields, task);
  const { audio, bytes } = await toInlineAudio(form.files.get("file"));
  const model =
    task === "transcribe"
      ? toGeminiMediaModel(
          request.model,
          c.env.DEFAULT_TRANSCRIPTION_MODEL,
          FALLBACK_TRANSCRIPTION_MODEL,
          "DEFAULT_TRANSCRIPTION_MODEL",
        )
      : parseModelName(request.model, c.env.DEFAULT_MODEL || FALLBACK_DEFAULT_MODEL).model;
  const response = await poolFor(c).json<GeminiGenerateContentResponse>({
    kind: "model-method",
    model,
    method: "generateContent",
    body: toGeminiTranscriptionRequest(request, audio, model),
  });
  const transcript = fromGeminiTranscription(response, {
    audio: bytes,
    task,
    ...(request.language && { language: request.language }),
    ...(request.temperature !== undefined && { temperature: request.temperature }),
  });
  switch (request.format) {
    case "text":
      return c.text(`${transcript.text}\n`);
    case "srt":
      return c.text(toSrt(toSegments(transcript)));
    case "vtt":
      return c.body(toVtt(toSegments(transcript)), 200, {
        "content-type": "text/vtt; charset=utf-8",
      });
    case "verbose_json":
      return c.json({
        task,
        language: languageName(transcript.language),
        duration: transcript.duration,
        text: transcript.text,
        segments: toSegments(transcript),
        ...(request.words && { words: transcript.words }),
        usage: { type: "duration", seconds: Math.ceil(transcript.duration) },
      });
    default: {
      const usage = transcriptionUsage(response);
      return c.json({ text: transcript.text, ...(usage && { usage }) });
    }
  }
}

const unrecognized = (name: string) =>
  badRequest(name, `Unrecognized request argument supplied: ${name}`);
