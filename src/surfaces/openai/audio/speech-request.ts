import { badRequest } from "../../../../common/api-error.ts";

/** A `/v1/audio/speech` request after its checks. */
export interface SpeechRequest {
  input: string;
  model?: string;
  /** A voice name, or `{id}` for a custom voice. */
  voice: string | { id: string };
  instructions?: string;
  format: SpeechFormat;
  sse: boolean;
}

/** The formats made from Gemini's PCM as it is: no encoder runs in the worker. */
export type SpeechFormat = "wav" | "pcm";

const ENCODED_FORMATS = ["mp3", "opus", "aac", "flac"];
const KNOWN = [
  "input",
  "model",
  "voice",
  "instructions",
  "response_format",
  "speed",
  "stream_format",
];

/**
 * Checks a speech request. `response_format` `wav` and `pcm` are served (absent → `wav`:
 * OpenAI's default, mp3, needs an encoder); mp3, opus, aac and flac are a 400 naming what is
 * served. `speed` other than 1 is a 400: Gemini has no speed setting (pace goes in
 * `instructions`).
 */
export function parseSpeechRequest(body: unknown): SpeechRequest {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw badRequest(null, "The request body must be a JSON object.");
  }
  const fields = body as Record<string, unknown>;
  for (const name of Object.keys(fields)) {
    if (!KNOWN.includes(name)) {
      throw badRequest(name, `Unrecognized request argument supplied: ${name}`);
    }
  }
  const input = fields.input;
  if (input === undefined || input === null) {
    throw badRequest("input", "Missing required parameter: 'input'.");
  }
  if (typeof input !== "string" || input.trim() === "") {
    throw badRequest("input", "Invalid value for 'input': expected a non-empty string.");
  }
  const request: SpeechRequest = {
    input,
    voice: readVoice(fields.voice),
    format: readFormat(fields.response_format),
    sse: readStreamFormat(fields.stream_format),
  };
  const model = optionalString(fields, "model");
  if (model !== undefined) request.model = model;
  const instructions = optionalString(fields, "instructions");
  if (instructions !== undefined && instructions.trim() !== "") {
    request.instructions = instructions.trim();
  }
  const speed = fields.speed;
  if (speed !== undefined && speed !== null) {
    if (typeof speed !== "number" || speed < 0.25 || speed > 4) {
      throw badRequest("speed", "Invalid value for 'speed': expected a number from 0.25 to 4.0.");
    }
    if (speed !== 1) {
      throw badRequest(
        "speed",
        "speed is not served: Gemini's speech models have no speed setting. Leave it at 1 and ask for the pace in 'instructions' (e.g. 'speak quickly').",
        "unsupported_value",
      );
    }
  }
  return request;
}

function readVoice(voice: unknown): SpeechRequest["voice"] {
  if (voice === undefined || voice === null) {
    throw badRequest("voice", "Missing required parameter: 'voice'.");
  }
  if (typeof voice === "string" && voice.trim() !== "") return voice.trim();
  const id = (voice as { id?: unknown }).id;
  if (typeof voice === "object" && typeof id === "string" && id.trim() !== "") {
    return { id: id.trim() };
  }
  throw badRequest("voice", "Invalid value for 'voice': expected a voice name or {\"id\": ...}.");
}

function readFormat(format: unknown): SpeechFormat {
  if (format === undefined || format === null || format === "wav") return "wav";
  if (format === "pcm") return "pcm";
  if (typeof format === "string" && ENCODED_FORMATS.includes(format)) {
    throw badRequest(
      "response_format",
      `response_format '${format}' is not served: Gemini speaks 24 kHz 16-bit PCM, and this gateway serves it as 'wav' or 'pcm' (no ${format} encoder fits a Worker's CPU budget).`,
      "unsupported_value",
    );
  }
  throw badRequest(
    "response_format",
    "Invalid value for 'response_format'. Served values are: 'wav', 'pcm'.",
  );
}

function readStreamFormat(format: unknown): boolean {
  if (format === undefined || format === null || format === "audio") return false;
  if (format === "sse") return true;
  throw badRequest(
    "stream_format",
    "Invalid value for 'stream_format': expected 'audio' or 'sse'.",
  );
}

function optionalString(fields: Record<string, unknown>, name: string): string | undefined {
  const value = fields[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") {
    throw badRequest(name, `Invalid value for '${name}': expected a string.`);
  }
  return value;
}
