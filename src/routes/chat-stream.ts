import { EventSourceParserStream } from "eventsource-parser/stream";
import type { Context } from "hono";
import { OpenAIError } from "../../common/openai-error.ts";
import { encodeSseData, SSE_DONE, SSE_HEADERS } from "../../common/sse.ts";
import { callGemini, type GeminiTarget } from "../gemini/client.ts";
import type { GeminiGenerateContentResponse } from "../gemini/types.ts";
import { connectionFailed, fromGeminiError } from "../gemini/upstream-error.ts";
import type { AppEnv } from "../http/app-env.ts";
import type { ApiKey } from "../keys/discover-keys.ts";
import { withKeyFailover } from "../keys/key-failover.ts";
import type { GeminiChatCall } from "../translate/chat-request.ts";
import { ChatStreamTranslator, type StreamContext } from "../translate/chat-stream.ts";

type EventReader = ReadableStreamDefaultReader<{ data: string }>;

interface StreamRequest {
  keys: readonly ApiKey[];
  target: GeminiTarget;
  call: GeminiChatCall;
  context: StreamContext;
}

/**
 * Streams a chat completion as OpenAI SSE. Another key is tried only until the first Gemini event
 * has arrived — before any byte reaches the client. After that a failure becomes an OpenAI-shaped
 * `data: {"error":…}` event and the stream ends without `[DONE]`.
 */
export async function streamChatCompletion(
  { keys, target, call, context }: StreamRequest,
  c: Context<AppEnv>,
) {
  const { reader, first } = await withKeyFailover(
    keys,
    (key) => openGeminiStream(target, key, call),
    c.var.attempts,
  );
  const translator = new ChatStreamTranslator(context);
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of translator.push(first)) controller.enqueue(encodeSseData(chunk));
    },
    // pull must enqueue something or close: a pull that returns empty-handed is not called again.
    async pull(controller) {
      const fail = (error: OpenAIError) => {
        controller.enqueue(encodeSseData(error.toJSON()));
        controller.close();
      };
      for (;;) {
        let next: ReadableStreamReadResult<{ data: string }>;
        try {
          next = await reader.read();
        } catch {
          return fail(interrupted("the connection to Gemini was cut"));
        }
        if (next.done) {
          const end = translator.end();
          if (end.error) return fail(end.error);
          for (const chunk of end.chunks) controller.enqueue(encodeSseData(chunk));
          controller.enqueue(SSE_DONE);
          return controller.close();
        }
        const event = parseEvent(next.value.data);
        if ("error" in event) {
          await reader.cancel().catch(() => {});
          const upstream = fromGeminiError(event.status, event.body, target.secrets);
          return fail(interrupted(`Gemini failed mid-stream: ${upstream.message}`));
        }
        const chunks = translator.push(event.chunk);
        for (const chunk of chunks) controller.enqueue(encodeSseData(chunk));
        if (chunks.length > 0) return;
      }
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
  return new Response(body, { headers: SSE_HEADERS });
}

async function openGeminiStream(target: GeminiTarget, key: ApiKey, call: GeminiChatCall) {
  const response = await callGemini(target, key, {
    path: `models/${call.model}:streamGenerateContent`,
    query: { alt: "sse" },
    body: call.body,
  });
  if (!response.body) throw connectionFailed("the stream had no body");
  const reader: EventReader = response.body
    .pipeThrough(new TextDecoderStream())
    .pipeThrough(new EventSourceParserStream())
    .getReader();
  let first: ReadableStreamReadResult<{ data: string }>;
  try {
    first = await reader.read();
  } catch {
    throw connectionFailed("the stream was cut before its first event");
  }
  if (first.done) throw connectionFailed("the stream ended before its first event");
  const event = parseEvent(first.value.data);
  if ("error" in event) {
    await reader.cancel().catch(() => {});
    throw fromGeminiError(event.status, event.body, target.secrets);
  }
  return { reader, first: event.chunk };
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
