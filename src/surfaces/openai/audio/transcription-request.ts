import { badRequest } from "../../../../common/api-error.ts";

export type TranscriptFormat = "json" | "text" | "srt" | "verbose_json" | "vtt";

/** A transcription or translation request's fields after their checks (the file aside). */
export interface TranscriptionRequest {
  task: "transcribe" | "translate";
  model?: string;
  language?: string;
  prompt?: string;
  format: TranscriptFormat;
  temperature?: number;
  /** `timestamp_granularities[]` includes `word` (verbose_json only). */
  words: boolean;
}

const FORMATS: TranscriptFormat[] = ["json", "text", "srt", "verbose_json", "vtt"];
const TRANSCRIPTION_FIELDS = [
  "model",
  "language",
  "prompt",
  "response_format",
  "temperature",
  "timestamp_granularities",
  "chunking_strategy",
  "stream",
  "include",
];
const TRANSLATION_FIELDS = ["model", "prompt", "response_format", "temperature"];

/**
 * Checks the form fields of `/audio/transcriptions` (task `transcribe`) or `/audio/translations`
 * (`translate`). `stream` and `include[]=logprobs` are 400s (Gemini gives neither);
 * `chunking_strategy` is a documented no-op (Gemini takes the whole file at once).
 */
export function parseTranscriptionRequest(
  fields: Record<string, string | string[]>,
  task: TranscriptionRequest["task"],
): TranscriptionRequest {
  const known = task === "transcribe" ? TRANSCRIPTION_FIELDS : TRANSLATION_FIELDS;
  for (const name of Object.keys(fields)) {
    if (!known.includes(name)) {
      throw badRequest(name, `Unrecognized request argument supplied: ${name}`);
    }
  }
  const single = (name: string) => {
    const value = fields[name];
    if (Array.isArray(value)) throw badRequest(name, `Invalid value for '${name}': send it once.`);
    return value === undefined || value.trim() === "" ? undefined : value.trim();
  };
  const format = (single("response_format") ?? "json") as TranscriptFormat;
  if (!FORMATS.includes(format)) {
    throw badRequest(
      "response_format",
      `Invalid value for 'response_format'. Supported values are: ${FORMATS.map((item) => `'${item}'`).join(", ")}.`,
    );
  }
  const request: TranscriptionRequest = { task, format, words: false };
  const model = single("model");
  if (model !== undefined) request.model = model;
  const language = single("language");
  if (language !== undefined) {
    if (!/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(language)) {
      throw badRequest(
        "language",
        "Invalid value for 'language': expected an ISO-639-1 code such as 'en' (or a BCP-47 tag).",
      );
    }
    request.language = language;
  }
  const prompt = single("prompt");
  if (prompt !== undefined) request.prompt = prompt;
  const temperature = single("temperature");
  if (temperature !== undefined) {
    const value = Number(temperature);
    if (!Number.isFinite(value) || value < 0 || value > 1) {
      throw badRequest(
        "temperature",
        "Invalid value for 'temperature': expected a number from 0 to 1.",
      );
    }
    request.temperature = value;
  }
  const granularities = [fields.timestamp_granularities ?? []].flat();
  for (const granularity of granularities) {
    if (granularity !== "word" && granularity !== "segment") {
      throw badRequest(
        "timestamp_granularities",
        "Invalid value for 'timestamp_granularities': expected 'word' and/or 'segment'.",
      );
    }
  }
  if (granularities.length > 0 && format !== "verbose_json") {
    throw badRequest(
      "timestamp_granularities",
      "timestamp_granularities needs response_format 'verbose_json'.",
    );
  }
  request.words = granularities.includes("word");
  if (single("stream") === "true") {
    throw badRequest(
      "stream",
      "stream is not served: Gemini's transcript comes whole. Send stream false or leave it out.",
      "unsupported_value",
    );
  }
  if ([fields.include ?? []].flat().length > 0) {
    throw badRequest(
      "include",
      "include is not served: Gemini gives no logprobs for transcripts.",
      "unsupported_value",
    );
  }
  return request;
}
