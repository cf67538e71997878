import { geminiStreamErrorEnd, INCOMPLETE_COMMENT } from "../../common/stream-error-event.ts";
import { KeepAlive } from "../stream/keep-alive.ts";
import type { UpstreamBody } from "./client.ts";
import type { SecretRedactor } from "./secret-redactor.ts";
import { SseKeepAlive } from "./sse-keep-alive.ts";
import { StreamEndWatch } from "./stream-end-watch.ts";

/**
 * How a passed-through stream frames its events: `streamGenerateContent`'s SSE (`alt=sse`) or
 * JSON array; or `events`, SSE whose end is not a generate answer's (the Interactions API: its
 * events carry no finishReason, and its surface keeps the stream alive and reports a break
 * itself) — passed on as it comes, and a cut connection fails the body instead of ending it.
 */
export type StreamFraming = "sse" | "json-array" | "events";

const encoder = new TextEncoder();

/**
 * A passed-through stream's body: replays what was read to find the first event, then passes the
 * rest on, redacted of key values. While Gemini is silent between two SSE events, a keep-alive
 * every `keepAliveMs` (SseKeepAlive: one that every Gemini-native reader accepts). The end tells
 * whether the answer is whole (StreamEndWatch): one that stops without a finish reason — cut, or
 * closed early — never ends like a finished one. In SSE it ends with Gemini's own error event and
 * a comment that both of Google's SDKs throw on (geminiStreamErrorEnd); after an error event
 * Gemini sent itself, with that comment only. A JSON array gets an error element before its `]`,
 * as Gemini reports a failure there; one cut inside an element is left unparseable.
 */
export function passThroughBody(
  read: Uint8Array[],
  reader: UpstreamBody,
  framing: StreamFraming,
  redactor: SecretRedactor,
  keepAliveMs: number,
): ReadableStream<Uint8Array> {
  const pending = [...read];
  const watch = new StreamEndWatch();
  const sse = framing === "sse" ? new SseKeepAlive() : null;
  const array = framing === "json-array" ? new ArrayEnd() : null;
  let keepAlive: KeepAlive | undefined;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      if (!sse) return;
      keepAlive = new KeepAlive(() => {
        if (watch.ended) return;
        const bytes = sse.keepAlive();
        if (bytes) controller.enqueue(bytes);
      }, keepAliveMs);
    },
    async pull(controller) {
      const send = (bytes: Uint8Array) => {
        if (bytes.byteLength === 0) return false;
        controller.enqueue(bytes);
        keepAlive?.sent();
        return true;
      };
      const pass = (bytes: Uint8Array) =>
        send(sse ? sse.pass(bytes) : (array?.pass(bytes) ?? bytes));
      const end = (how: "cut" | "closed") => {
        keepAlive?.stop();
        if (framing === "events") {
          const rest = redactor.flush();
          if (rest.byteLength > 0) controller.enqueue(rest);
          if (how === "cut") return controller.error(new Error(INCOMPLETE.cut));
          return controller.close();
        }
        const rest = redactor.flush();
        watch.push(rest);
        pass(rest);
        if (sse && !watch.finished) {
          send(
            watch.failed
              ? encoder.encode(INCOMPLETE_COMMENT)
              : // Completes an event a keep-alive began; ends one Gemini left unfinished.
                geminiStreamErrorEnd(INCOMPLETE[how], sse.open || sse.between ? "" : "\r\n\r\n"),
          );
        }
        if (array) send(array.end(watch.finished || watch.failed ? null : INCOMPLETE[how]));
        controller.close();
      };
      for (;;) {
        const replayed = pending.shift();
        let chunk: ReadableStreamReadResult<Uint8Array>;
        if (replayed) chunk = { done: false, value: replayed };
        else {
          keepAlive?.waiting(true);
          try {
            chunk = await reader.read();
          } catch {
            return end("cut");
          } finally {
            keepAlive?.waiting(false);
          }
        }
        if (chunk.done) return end("closed");
        watch.push(chunk.value);
        if (pass(redactor.push(chunk.value))) return;
      }
    },
    cancel(reason) {
      keepAlive?.stop();
      return reader.cancel(reason);
    },
  });
}

const INCOMPLETE = {
  cut: "The connection to Gemini was cut mid-stream: the answer is incomplete.",
  closed: "Gemini ended the stream without a finish reason: the answer is incomplete.",
};

const CLOSING_BRACKET = 0x5d;
const CLOSING_BRACE = 0x7d;
const isWhiteSpace = (byte: number | undefined) =>
  byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d;

/**
 * The end of a JSON-array stream: a closing `]` (and the white space after it) is held back until
 * the stream's end shows whether the answer is whole; it then goes on as it came, or after an
 * error element when the last thing sent ends an element.
 */
class ArrayEnd {
  #held = new Uint8Array();
  /** The last byte sent that is not white space. */
  #last: number | undefined;

  pass(bytes: Uint8Array): Uint8Array {
    const joined = this.#held.byteLength === 0 ? bytes : concat(this.#held, bytes);
    let index = joined.length - 1;
    while (index >= 0 && isWhiteSpace(joined[index])) index--;
    const bracket = index >= 0 && joined[index] === CLOSING_BRACKET ? index : joined.length;
    this.#held = joined.slice(bracket);
    const out = joined.subarray(0, bracket);
    for (let at = out.length - 1; at >= 0; at--) {
      if (!isWhiteSpace(out[at])) {
        this.#last = out[at];
        break;
      }
    }
    return out;
  }

  /** What ends the array: the held `]` (null: the answer is whole), or an error element first. */
  end(incomplete: string | null): Uint8Array {
    if (incomplete === null) return this.#held;
    if (this.#last !== CLOSING_BRACE) return new Uint8Array();
    const error = { error: { code: 502, message: incomplete, status: "UNAVAILABLE" } };
    return encoder.encode(`\n,\r\n${JSON.stringify(error, null, 2)}\n]`);
  }
}

function concat(first: Uint8Array, second: Uint8Array): Uint8Array {
  const joined = new Uint8Array(first.byteLength + second.byteLength);
  joined.set(first);
  joined.set(second, first.byteLength);
  return joined;
}
