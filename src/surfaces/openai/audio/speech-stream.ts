import type { ApiError } from "../../../../common/api-error.ts";
import type { GeminiGenerateContentResponse } from "../../../gemini/types.ts";
import { encodeBase64 } from "../../../media/base64-bytes.ts";
import { wavHeader } from "../../../media/wav.ts";
import type { StreamTranslator } from "../../../stream/translated-stream.ts";
import { missingMediaError } from "../media-answer.ts";
import { emptyPcm, speechPcmOf, speechUsage } from "./from-gemini-speech.ts";
import type { SpeechFormat } from "./speech-request.ts";

const event = (body: unknown) => `data: ${JSON.stringify(body)}\n\n`;

/**
 * `stream_format: "sse"`: each piece of audio Gemini streams becomes a `speech.audio.delta` event
 * (base64, OpenAI's event shape), then `speech.audio.done` with the usage. For `wav` the first
 * delta starts with a header whose sizes are unknown (0xFFFFFFFF, as streamed WAV is written).
 */
export function createSpeechStreamTranslator(format: SpeechFormat): StreamTranslator {
  let last: GeminiGenerateContentResponse | undefined;
  let sent = 0;
  return {
    push(chunk) {
      last = chunk;
      const pcm = speechPcmOf(chunk, emptyPcm());
      let text = "";
      for (let piece of pcm.pieces) {
        if (piece.length === 0) continue;
        if (sent === 0 && format === "wav") {
          const header = wavHeader(0xffffffff - 36, pcm.sampleRate);
          const joined = new Uint8Array(header.length + piece.length);
          joined.set(header);
          joined.set(piece, header.length);
          piece = joined;
        }
        sent += piece.length;
        text += event({ type: "speech.audio.delta", audio: encodeBase64(piece) });
      }
      return text;
    },
    end(): string | ApiError {
      if (sent === 0) return missingMediaError(last ?? {}, "audio");
      return event({ type: "speech.audio.done", usage: speechUsage(last) });
    },
    fail(error) {
      return event(error.toJSON());
    },
  };
}
