import { ApiError, badRequest } from "../../../../common/api-error.ts";
import { MAX_BODY_BYTES } from "../../../../common/body-limit.ts";
import { encodeBase64 } from "../../../media/base64-bytes.ts";
import type { InlineMedia } from "../../../media/data-url.ts";
import { sniffMediaType } from "../../../media/sniff-type.ts";

/**
 * The largest audio file taken: the worker's body limit (25 MiB), which is also OpenAI's own
 * limit for these endpoints (25 MB). Gemini takes up to 100 MB inline per request
 * (https://ai.google.dev/gemini-api/docs/changelog, 2026-01-08), so the limit is the gateway's.
 */
export const MAX_AUDIO_BYTES = MAX_BODY_BYTES;

/** Audio Gemini understands: https://ai.google.dev/gemini-api/docs/audio#supported-formats. */
const GEMINI_AUDIO = [
  "audio/wav",
  "audio/mp3",
  "audio/aiff",
  "audio/aac",
  "audio/ogg",
  "audio/flac",
];

const BY_EXTENSION: Record<string, string> = {
  wav: "audio/wav",
  mp3: "audio/mp3",
  mpga: "audio/mp3",
  mpeg: "audio/mp3",
  aiff: "audio/aiff",
  aif: "audio/aiff",
  aac: "audio/aac",
  ogg: "audio/ogg",
  oga: "audio/ogg",
  opus: "audio/ogg",
  flac: "audio/flac",
};

/**
 * The uploaded `file` as inline audio: its type read from its bytes, else from its name; a
 * format Gemini does not take (m4a, webm, …) is a 400 naming the formats it does, a file over
 * the limit a 413.
 */
export async function toInlineAudio(
  files: readonly File[] | undefined,
): Promise<{ audio: InlineMedia; bytes: Uint8Array }> {
  const file = files?.[0];
  if (!file) throw badRequest("file", "Missing required parameter: 'file' (an audio file).");
  if (files.length > 1) throw badRequest("file", "Invalid value for 'file': send one file.");
  if (file.size > MAX_AUDIO_BYTES) {
    throw new ApiError(
      413,
      `The audio file is ${file.size} bytes; this gateway takes files up to ${MAX_AUDIO_BYTES} bytes (25 MiB).`,
      { param: "file", code: "file_too_large" },
    );
  }
  if (file.size === 0) throw badRequest("file", "Invalid value for 'file': the file is empty.");
  const bytes = new Uint8Array(await file.arrayBuffer());
  const extension = file.name.toLowerCase().split(".").pop() ?? "";
  const mimeType = sniffMediaType(bytes.subarray(0, 16)) ?? BY_EXTENSION[extension];
  if (!mimeType || !GEMINI_AUDIO.includes(mimeType)) {
    throw badRequest(
      "file",
      `Invalid file format${extension ? ` (.${extension.slice(0, 10)})` : ""}: Gemini understands WAV, MP3, AIFF, AAC, OGG and FLAC audio.`,
      "invalid_file_format",
    );
  }
  return { audio: { mimeType, data: encodeBase64(bytes) }, bytes };
}
