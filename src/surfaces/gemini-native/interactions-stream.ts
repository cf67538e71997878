import { EventSourceParserStream } from "eventsource-parser/stream";
import { interactionsErrorEvent } from "../../../common/interactions-error.ts";
import { SSE_DONE } from "../../../common/sse.ts";
import { tagInteractionEvent } from "../../affinity/interaction-refs.ts";

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
 * pass as they are.
 */
export function tagInteractionsStream(
  body: ReadableStream,
  print: string,
): ReadableStream<Uint8Array> {
  return (body as ReadableStream<BufferSource>)
    .pipeThrough(new TextDecoderStream())
    .pipeThrough(new EventSourceParserStream())
    .pipeThrough(
      new TransformStream({
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
    )
    .pipeThrough(new TextEncoderStream());
}

const frame = (type: string | undefined, data: string) =>
  `${type ? `event: ${type}\n` : ""}data: ${data}\n\n`;
