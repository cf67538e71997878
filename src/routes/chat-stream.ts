import type { Context } from "hono";
import { OpenAIError } from "../../common/openai-error.ts";
import { SSE_DONE, SSE_HEADERS, sseEvent as sse } from "../../common/sse.ts";
import { callGemini, type GeminiTarget } from "../gemini/client.ts";
import type { GeminiGenerateContentResponse } from "../gemini/types.ts";
import { connectionFailed, fromGeminiError } from "../gemini/upstream-error.ts";
import type { AppEnv } from "../http/app-env.ts";
import type { ApiKey } from "../keys/discover-keys.ts";
import { withKeyFailover } from "../keys/key-failover.ts";
import type { GeminiChatCall } from "../translate/chat-request.ts";
import { ChatStreamTranslator, type StreamContext } from "../translate/chat-stream.ts";
import { GeminiEventReader } from "./gemini-event-reader.ts";

interface StreamRequest {
  keys: readonly ApiKey[];
  target: GeminiTarget;
  call: GeminiChatCall;
  context: StreamContext;
}

const encoder = new TextEncoder();

/**
 * Streams a chat completion as OpenAI SSE. Another key is tried only until the first Gemini event
 * has arrived — before any byte reaches the client. After that a failure becomes an OpenAI-shaped
 * `data: {"error":…}` event and the stream ends without `[DONE]`.
 */
export async function streamChatCompletion(
  { keys, target, call, context }: StreamRequest,
  c: Context<AppEnv>,
) {
  const { events, first } = await withKeyFailover(
    keys,
    (key) => openGeminiStream(target, key, call),
    c.var.attempts,
  );
  const translator = new ChatStreamTranslator(context);
  let pending: string[] = first;
  const body = new ReadableStream<Uint8Array>({
    // Each pull turns one upstream read into one enqueued buffer, or ends the stream: a pull that
    // enqueues nothing would never be called again.
    async pull(controller) {
      const fail = (error: OpenAIError, text = "") => {
        controller.enqueue(encoder.encode(text + sse(error.toJSON())));
        controller.close();
      };
      for (;;) {
        let batch: string[] | null = pending;
        pending = [];
        if (batch.length === 0) {
          try {
            batch = await events.next();
          } catch {
            return fail(interrupted("the connection to Gemini was cut"));
          }
        }
        if (batch === null) {
          const end = translator.end();
          if (end.error) return fail(end.error);
          controller.enqueue(encoder.encode(end.chunks.map(sse).join("") + SSE_DONE));
          return controller.close();
        }
        let text = "";
        for (const data of batch) {
          const event = parseEvent(data);
          if ("error" in event) {
            await events.cancel();
            const upstream = fromGeminiError(event.status, event.body, target.secrets);
            return fail(interrupted(`Gemini failed mid-stream: ${upstream.message}`), text);
          }
          for (const chunk of translator.push(event.chunk)) text += sse(chunk);
        }
        if (text !== "") return controller.enqueue(encoder.encode(text));
      }
    },
    cancel(reason) {
      return events.cancel(reason);
    },
  });
  return new Response(body, { headers: SSE_HEADERS });
}

/** Opens the stream and waits for its first event, which decides whether this key works. */
async function openGeminiStream(target: GeminiTarget, key: ApiKey, call: GeminiChatCall) {
  const response = await callGemini(target, key, {
    path: `models/${call.model}:streamGenerateContent`,
    query: { alt: "sse" },
    body: call.body,
  });
  if (!response.body) throw connectionFailed("the stream had no body");
  const events = new GeminiEventReader(response.body);
  let first: string[] | null;
  try {
    first = await events.next();
  } catch {
    throw connectionFailed("the stream was cut before its first event");
  }
  if (first === null) throw connectionFailed("the stream ended before its first event");
  const event = parseEvent(first[0] as string);
  if ("error" in event) {
    await events.cancel();
    throw fromGeminiError(event.status, event.body, target.secrets);
  }
  return { events, first };
}

type ParsedEvent =
  | { chunk: GeminiGenerateContentResponse }
  | { error: true; status: number; body: unknown };

function parseEvent(data: string): ParsedEvent {
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return {
      error: true,
      status: 502,
      body: { error: { message: "Gemini sent an unreadable event." } },
    };
  }
  const error = (value as { error?: { code?: unknown } } | null)?.error;
  if (error) {
    const status = typeof error.code === "number" ? error.code : 500;
    return { error: true, status, body: value };
  }
  return { chunk: value as GeminiGenerateContentResponse };
}

const interrupted = (message: string) =>
  new OpenAIError(502, message, { type: "api_error", code: "upstream_stream_error" });
