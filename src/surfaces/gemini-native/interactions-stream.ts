import type { EventSourceMessage } from "eventsource-parser";
import { EventSourceParserStream } from "eventsource-parser/stream";
import { interactionsErrorEvent } from "../../../common/interactions-error.ts";
import { SSE_DONE, SSE_KEEPALIVE } from "../../../common/sse.ts";
import { tagInteractionEvent } from "../../affinity/interaction-refs.ts";
import { DEFAULT_KEEPALIVE_S, KeepAlive } from "../../stream/keep-alive.ts";

/** What Google's own error event carries, and what the core sends when a stream is cut (google.rpc). */
interface ErrorData {
  event_type?: unknown;
  error?: { code?: unknown; message?: unknown };
}

/**
 * An Interactions SSE answer passed on event by event with the ids tagged (the interaction's,
 * a continuation token): `event: {type}` and `data: {json}` as Google frames them, `[DONE]` kept.
 * An error in google.rpc's shape — the core's event for a connection cut mid-stream — becomes
 * the Interactions API's `event: error` (common/interactions-error.ts); Google's own error events
 * pass as they are. While Gemini is silent longer than `keepAliveMs` (a background interaction
 * still working), an SSE comment keeps the connection alive; @google/genai's reader skips
 * comment lines.
 */
export function tagInteractionsStream(
  body: ReadableStream,
  print: string,
  keepAliveMs = DEFAULT_KEEPALIVE_S * 1000,
): ReadableStream<Uint8Array> {
  const reader = taggedEvents(body, print).getReader();
  const encoder = new TextEncoder();
  let keepAlive: KeepAlive | undefined;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      keepAlive = new KeepAlive(
        () => controller.enqueue(encoder.encode(SSE_KEEPALIVE)),
        keepAliveMs,
      );
    },
    async pull(controller) {
      keepAlive?.waiting(true);
      let result: ReadableStreamReadResult<string>;
      try {
        result = await reader.read();
      } catch {
        keepAlive?.stop();
        controller.enqueue(
          encoder.encode(
            interactionsErrorEvent({
              error: { code: "api_error", message: "The stream from Gemini broke off." },
            }),
          ),
        );
        return controller.close();
      } finally {
        keepAlive?.waiting(false);
      }
      if (result.done) {
        keepAlive?.stop();
        return controller.close();
      }
      controller.enqueue(encoder.encode(result.value));
      keepAlive?.sent();
    },
    cancel(reason) {
      keepAlive?.stop();
      return reader.cancel(reason);
    },
  });
}

/** The upstream's events, tagged and framed again, as text. */
function taggedEvents(body: ReadableStream, print: string): ReadableStream<string> {
  return (body as ReadableStream<BufferSource>)
    .pipeThrough(new TextDecoderStream())
    .pipeThrough(new EventSourceParserStream())
    .pipeThrough(
      new TransformStream<EventSourceMessage, string>({
        transform(message, controller) {
          if (message.data === "[DONE]") return controller.enqueue(SSE_DONE);
          let value: unknown;
          try {
            value = JSON.parse(message.data);
          } catch {
            value = undefined;
          }
          if (typeof value !== "object" || value === null) {
            return controller.enqueue(frame(message.event, message.data));
          }
          const data = value as ErrorData;
          if (data.error && data.event_type === undefined) {
            const message = typeof data.error.message === "string" ? data.error.message : "";
            const status = typeof data.error.code === "number" ? data.error.code : 500;
            const code =
              status === 503 ? "unavailable" : status === 429 ? "rate_limit_exceeded" : "api_error";
            return controller.enqueue(interactionsErrorEvent({ error: { code, message } }));
          }
          tagInteractionEvent(value, print);
          const type = typeof data.event_type === "string" ? data.event_type : message.event;
          controller.enqueue(frame(type, JSON.stringify(value)));
        },
      }),
    );
}

const frame = (type: string | undefined, data: string) =>
  `${type ? `event: ${type}\n` : ""}data: ${data}\n\n`;
