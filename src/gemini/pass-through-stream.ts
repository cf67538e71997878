import { createParser } from "eventsource-parser";
import { DEFAULT_KEEPALIVE_S } from "../stream/keep-alive.ts";
import type { ApiKey } from "./api-key.ts";
import { type GeminiCall, type GeminiTarget, openGeminiBody } from "./client.ts";
import { FirstArrayElement } from "./first-array-element.ts";
import { passThroughBody, type StreamFraming } from "./pass-through-body.ts";
import { SecretRedactor } from "./secret-redactor.ts";
import { parseGeminiEvent } from "./stream.ts";
import { connectionFailed, fromGeminiError } from "./upstream-error.ts";

export type { StreamFraming };

/**
 * Opens `streamGenerateContent` for a client that gets Gemini's bytes as they are, and reads until
 * the first event is whole: that event decides whether this key works, so the pool may still try
 * another key on an error before it — the client has been sent nothing yet. The returned 2xx
 * response replays what was read and then passes the rest on, redacted of key values, with
 * keep-alives while Gemini is silent; an answer that stops unfinished never ends cleanly
 * (pass-through-body.ts).
 */
export async function openPassThroughStream(
  target: GeminiTarget,
  key: ApiKey,
  call: GeminiCall,
  framing: StreamFraming,
): Promise<Response> {
  const { response, body: reader } = await openGeminiBody(target, key, call);
  const decoder = new TextDecoder();
  const firstEvent = framing === "json-array" ? firstArrayElement() : firstSseEvent();
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
  const body = passThroughBody(
    read,
    reader,
    framing,
    new SecretRedactor(target.secrets),
    target.keepAliveMs ?? DEFAULT_KEEPALIVE_S * 1000,
  );
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
