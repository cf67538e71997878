import { createParser } from "eventsource-parser";
import type { ApiKey } from "./api-key.ts";
import { type GeminiCall, type GeminiTarget, openGeminiBody, type UpstreamBody } from "./client.ts";
import { FirstArrayElement } from "./first-array-element.ts";
import { SecretRedactor } from "./secret-redactor.ts";
import { parseGeminiEvent } from "./stream.ts";
import { connectionFailed, fromGeminiError } from "./upstream-error.ts";

/** How `streamGenerateContent` frames its events: SSE with `alt=sse`, else one JSON array. */
export type StreamFraming = "sse" | "json-array";

/**
 * Opens `streamGenerateContent` for a client that gets Gemini's bytes as they are, and reads until
 * the first event is whole: that event decides whether this key works, so the pool may still try
 * another key on an error before it — the client has been sent nothing yet. The returned 2xx
 * response replays what was read and then passes the rest on, redacted of key values. A break
 * after that is reported as Gemini reports errors mid-stream (an SSE `error` event), or, in a JSON
 * array, by cutting the body (the client then sees an unfinished array, never a clean end).
 */
export async function openPassThroughStream(
  target: GeminiTarget,
  key: ApiKey,
  call: GeminiCall,
  framing: StreamFraming,
): Promise<Response> {
  const { response, body: reader } = await openGeminiBody(target, key, call);
  const decoder = new TextDecoder();
  const firstEvent = framing === "sse" ? firstSseEvent() : firstArrayElement();
  const read: Uint8Array[] = [];
  let first: string | null | undefined;
  while (first === undefined) {
    let chunk: ReadableStreamReadResult<Uint8Array>;
    try {
      chunk = await reader.read();
    } catch {
      throw connectionFailed("the stream was cut before its first event");
    }
    if (chunk.done) {
      first = firstEvent(`${decoder.decode()}\n\n`) ?? null;
      break;
    }
    read.push(chunk.value);
    first = firstEvent(decoder.decode(chunk.value, { stream: true }));
  }
  if (first === null) {
    await reader.cancel();
    throw connectionFailed("the stream ended before its first event");
  }
  const event = parseGeminiEvent(first);
  if ("error" in event) {
    await reader.cancel();
    throw fromGeminiError(event.status, event.body, target.secrets);
  }
  const body = replayThenPass(read, reader, framing, new SecretRedactor(target.secrets));
  return new Response(body, { status: response.status, headers: response.headers });
}

/** A feed that returns the first SSE event's data once it is whole. */
function firstSseEvent(): (text: string) => string | undefined {
  let first: string | undefined;
  const parser = createParser({
    onEvent: (event) => {
      first ??= event.data;
    },
  });
  return (text) => {
    parser.feed(text);
    return first;
  };
}

function firstArrayElement(): (text: string) => string | null | undefined {
  const finder = new FirstArrayElement();
  return (text) => finder.push(text);
}

const encoder = new TextEncoder();

function replayThenPass(
  read: Uint8Array[],
  reader: UpstreamBody,
  framing: StreamFraming,
  redactor: SecretRedactor,
): ReadableStream<Uint8Array> {
  const pending = [...read];
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      for (;;) {
        const replayed = pending.shift();
        let chunk: ReadableStreamReadResult<Uint8Array>;
        if (replayed) chunk = { done: false, value: replayed };
        else {
          try {
            chunk = await reader.read();
          } catch {
            const rest = redactor.flush();
            if (rest.byteLength > 0) controller.enqueue(rest);
            if (framing === "json-array")
              return controller.error(new Error("Gemini cut the stream"));
            controller.enqueue(encoder.encode(`\n\ndata: ${JSON.stringify(CUT)}\n\n`));
            return controller.close();
          }
        }
        if (chunk.done) {
          const rest = redactor.flush();
          if (rest.byteLength > 0) controller.enqueue(rest);
          return controller.close();
        }
        const bytes = redactor.push(chunk.value);
        if (bytes.byteLength > 0) return controller.enqueue(bytes);
      }
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
}

/** The error event a client gets when the connection to Gemini breaks mid-stream. */
const CUT = {
  error: {
    code: 502,
    message: "The connection to Gemini was cut mid-stream.",
    status: "UNAVAILABLE",
  },
};
