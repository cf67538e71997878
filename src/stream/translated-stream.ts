import { ApiError } from "../../common/api-error.ts";
import { continuationFailed, continuedRequest, LongDecode } from "../gemini/long-decode.ts";
import type { ModelId } from "../gemini/model-id.ts";
import { type OpenedGeminiStream, parseGeminiEvent } from "../gemini/stream.ts";
import type {
  GeminiGenerateContentRequest,
  GeminiGenerateContentResponse,
} from "../gemini/types.ts";
import { fromGeminiError, UpstreamError } from "../gemini/upstream-error.ts";
import type { GeminiPool } from "../pool/gemini-pool.ts";
import { DEFAULT_KEEPALIVE_S, KeepAlive } from "./keep-alive.ts";

/**
 * What a surface supplies to stream Gemini events in its own wire format. Each method returns the
 * text to send (already framed as that surface's SSE events); state lives in the translator.
 */
export interface StreamTranslator {
  /** One Gemini event → the events to send now (may be ""). */
  push(event: GeminiGenerateContentResponse): string;
  /** Gemini ended the stream: the closing events, or an error to send instead of them. */
  end(): string | ApiError;
  /** A failure after the first byte: the surface's mid-stream error event. */
  fail(error: ApiError): string;
  /**
   * What the surface sends while Gemini is silent mid-stream (an SSE comment, Anthropic's
   * `ping` event): something its clients read past, so a long think is not a dead connection.
   */
  keepAlive?: string;
}

const encoder = new TextEncoder();

/**
 * Opens `streamGenerateContent` for `model` through the pool (another key is tried until the first
 * event) and streams it through the surface's translator: what every translating surface does.
 * A long-decode answer (CONTINUATION) goes on with the same key, hop after hop, as one stream.
 * `onHead` sees the first event before the response is returned (its model, for the headers).
 */
export async function streamFromGemini(
  pool: GeminiPool,
  call: { model: ModelId; body: GeminiGenerateContentRequest },
  translator: StreamTranslator,
  onHead?: (head: GeminiGenerateContentResponse) => void,
): Promise<ReadableStream<Uint8Array>> {
  const request = {
    kind: "model-method" as const,
    model: call.model,
    method: "streamGenerateContent" as const,
    body: call.body,
  };
  const { opened, key } = await pool.streamFrom(request);
  // A continuation token belongs to the project of the key that issued it.
  const pinned = pool.pinnedTo(key);
  if (onHead && opened.first[0] !== undefined) {
    const head = parseGeminiEvent(opened.first[0]);
    if ("chunk" in head) onHead(head.chunk);
  }
  return translatedStream(
    opened,
    translator,
    pool.target.secrets,
    {
      decode: new LongDecode(),
      reopen: (token) => pinned.stream({ ...request, body: continuedRequest(call.body, token) }),
    },
    pool.usage.beginStream(),
    pool.target.keepAliveMs,
  );
}

/** Told of each event and of the stream's end (the request's usage tracker). */
export interface StreamObserver {
  event(chunk: GeminiGenerateContentResponse): void;
  end(): void;
}

const unobserved: StreamObserver = { event() {}, end() {} };

/** How a stream goes on after a hop that ended with CONTINUATION. */
export interface StreamHops {
  decode: LongDecode;
  /** Opens the next hop with the token (same key, same request). */
  reopen(token: string): Promise<OpenedGeminiStream>;
}

/**
 * The one stream machinery of every translating surface: reads an opened Gemini stream, hands
 * each event to the surface's translator, and turns a failure after the first byte into the
 * surface's error event (the stream then ends — never a silent cut, never a clean end after an
 * error). Each pull turns one upstream read into one enqueued buffer, or ends the stream. With
 * `hops`, a hop that ended in CONTINUATION is followed by the next one, seamlessly; the observer
 * sees events after LongDecode summed their usage, so the last one holds the whole answer's.
 */
export function translatedStream(
  opened: OpenedGeminiStream,
  translator: StreamTranslator,
  secrets: readonly string[],
  hops?: StreamHops,
  observer: StreamObserver = unobserved,
  keepAliveMs = DEFAULT_KEEPALIVE_S * 1000,
): ReadableStream<Uint8Array> {
  let events = opened.events;
  let pending: string[] = opened.first;
  let keepAlive: KeepAlive | undefined;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      if (translator.keepAlive === undefined) return;
      const bytes = encoder.encode(translator.keepAlive);
      keepAlive = new KeepAlive(() => controller.enqueue(bytes), keepAliveMs);
    },
    async pull(controller) {
      const fail = (error: ApiError, text = "") => {
        keepAlive?.stop();
        controller.enqueue(encoder.encode(text + translator.fail(error)));
        controller.close();
        observer.end();
      };
      for (;;) {
        let batch: string[] | null = pending;
        pending = [];
        if (batch.length === 0) {
          keepAlive?.waiting(true);
          try {
            batch = await events.next();
          } catch (error) {
            // UPSTREAM_TIMEOUT_S between two chunks, or a broken connection.
            const reason =
              error instanceof UpstreamError ? error.message : "the connection to Gemini was cut";
            return fail(interrupted(reason));
          } finally {
            keepAlive?.waiting(false);
          }
        }
        if (batch === null) {
          const token = hops?.decode.next() ?? null;
          if (hops && token !== null) {
            keepAlive?.waiting(true);
            try {
              ({ events, first: pending } = await hops.reopen(token));
            } catch (error) {
              const failure = continuationFailed(error, hops.decode.hops);
              return fail(
                failure instanceof ApiError
                  ? failure
                  : interrupted("the continuation of a long answer (long decode) failed"),
              );
            }
            keepAlive?.waiting(false);
            continue;
          }
          const end = translator.end();
          if (end instanceof ApiError) return fail(end);
          keepAlive?.stop();
          controller.enqueue(encoder.encode(end));
          controller.close();
          return observer.end();
        }
        let text = "";
        for (const data of batch) {
          const event = parseGeminiEvent(data);
          if ("error" in event) {
            await events.cancel();
            const upstream = fromGeminiError(event.status, event.body, secrets);
            return fail(interrupted(`Gemini failed mid-stream: ${upstream.message}`), text);
          }
          hops?.decode.observe(event.chunk);
          observer.event(event.chunk);
          text += translator.push(event.chunk);
        }
        if (text !== "") {
          keepAlive?.sent();
          return controller.enqueue(encoder.encode(text));
        }
      }
    },
    cancel(reason) {
      keepAlive?.stop();
      observer.end();
      return events.cancel(reason);
    },
  });
}

const interrupted = (message: string) =>
  new ApiError(502, message, { type: "api_error", code: "upstream_stream_error" });
