import { createParser, type EventSourceMessage } from "eventsource-parser";
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
 * An Interactions SSE answer passed on with the ids tagged (the interaction's, a continuation
 * token): `event: {type}` and `data: {json}` as Google frames them, `[DONE]` kept. Only the
 * lifecycle events carry ids, so only their JSON is parsed; steps (every text delta) pass as they
 * came. An error in google.rpc's shape — the core's event for a connection cut mid-stream —
 * becomes the Interactions API's `event: error` (common/interactions-error.ts); Google's own
 * error events pass as they are. While Gemini is silent longer than `keepAliveMs` (a background
 * interaction still working), an SSE comment keeps the connection alive; @google/genai's reader
 * skips comment lines.
 *
 * One stream stage, reading the upstream body itself: each upstream chunk is parsed (a
 * well-kept SSE parser, synchronously) and answered with one chunk — in Node, a stage per event
 * (parser stream, transform, encoder) cost ~3× the CPU of the whole stream.
 */
export interface InteractionsStreamOptions {
  /** How long Gemini may be silent before a keep-alive comment (default 15 s). */
  keepAliveMs?: number;
  /** Each lifecycle event's interaction, as Google sent it (its `usage` for the usage data point). */
  onInteraction?: (interaction: Record<string, unknown>) => void;
  /** The stream is over: ended, broken off or cancelled by the client. */
  onEnd?: () => void;
}

export function tagInteractionsStream(
  body: ReadableStream,
  print: string,
  options: InteractionsStreamOptions = {},
): ReadableStream<Uint8Array> {
  const keepAliveMs = options.keepAliveMs ?? DEFAULT_KEEPALIVE_S * 1000;
  const reader = (body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  const encoder = new TextEncoder();
  let out = "";
  const parser = createParser({
    onEvent: (message) => {
      out += retag(message, print, options.onInteraction);
    },
  });
  let keepAlive: KeepAlive | undefined;
  const finish = (controller: ReadableStreamDefaultController<Uint8Array>, tail: string) => {
    keepAlive?.stop();
    options.onEnd?.();
    parser.feed(`${decoder.decode()}\n\n`);
    const rest = out + tail;
    out = "";
    if (rest !== "") controller.enqueue(encoder.encode(rest));
    controller.close();
  };
  return new ReadableStream<Uint8Array>({
    start(controller) {
      keepAlive = new KeepAlive(
        () => controller.enqueue(encoder.encode(SSE_KEEPALIVE)),
        keepAliveMs,
      );
    },
    async pull(controller) {
      for (;;) {
        keepAlive?.waiting(true);
        let chunk: ReadableStreamReadResult<Uint8Array>;
        try {
          chunk = await reader.read();
        } catch {
          const message = "The stream from Gemini broke off.";
          return finish(
            controller,
            interactionsErrorEvent({ error: { code: "api_error", message } }),
          );
        } finally {
          keepAlive?.waiting(false);
        }
        if (chunk.done) return finish(controller, "");
        parser.feed(decoder.decode(chunk.value, { stream: true }));
        if (out === "") continue;
        controller.enqueue(encoder.encode(out));
        out = "";
        keepAlive?.sent();
        return;
      }
    },
    cancel(reason) {
      keepAlive?.stop();
      options.onEnd?.();
      return reader.cancel(reason);
    },
  });
}

/** One event, framed again, its ids tagged. */
function retag(
  message: EventSourceMessage,
  print: string,
  onInteraction: InteractionsStreamOptions["onInteraction"],
): string {
  if (message.data === "[DONE]") return SSE_DONE;
  if (message.event?.startsWith("step.") || message.event === "error") {
    return frame(message.event, message.data);
  }
  let value: unknown;
  try {
    value = JSON.parse(message.data);
  } catch {
    value = undefined;
  }
  if (typeof value !== "object" || value === null) return frame(message.event, message.data);
  const data = value as ErrorData;
  if (data.error && data.event_type === undefined) {
    const text = typeof data.error.message === "string" ? data.error.message : "";
    const status = typeof data.error.code === "number" ? data.error.code : 500;
    const code =
      status === 503 ? "unavailable" : status === 429 ? "rate_limit_exceeded" : "api_error";
    return interactionsErrorEvent({ error: { code, message: text } });
  }
  const interaction = (value as { interaction?: unknown }).interaction;
  if (onInteraction && typeof interaction === "object" && interaction !== null) {
    onInteraction(interaction as Record<string, unknown>);
  }
  tagInteractionEvent(value, print);
  return frame(
    typeof data.event_type === "string" ? data.event_type : message.event,
    JSON.stringify(value),
  );
}

/** An SSE event; a data of several lines (which the parser joined with \n) as several `data:` lines. */
const frame = (type: string | undefined, data: string) =>
  `${type ? `event: ${type}\n` : ""}data: ${data.replaceAll("\n", "\ndata: ")}\n\n`;
