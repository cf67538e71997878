import { readFileSync } from "node:fs";
import { EventSourceParserStream } from "eventsource-parser/stream";
import type { ApiError } from "../../../../../common/api-error.ts";
import type { GeminiGenerateContentResponse } from "../../../../../src/gemini/types.ts";
import {
  ChatStreamTranslator,
  type StreamContext,
} from "../../../../../src/surfaces/openai/translate/chat-stream.ts";
import type { OpenAIChatCompletionChunk } from "../../../../../src/surfaces/openai/translate/openai-types.ts";

export function readStreamFixture(name: string): Uint8Array<ArrayBuffer> {
  return readFileSync(new URL(`../../../../fixtures/streams/${name}`, import.meta.url));
}

export interface ReplayResult {
  chunks: OpenAIChatCompletionChunk[];
  error?: ApiError;
}

/**
 * Feeds SSE bytes, cut at the given offsets, through the same pipeline the worker uses
 * (TextDecoderStream → EventSourceParserStream → JSON.parse) into a ChatStreamTranslator.
 */
export async function replaySse(
  bytes: Uint8Array<ArrayBuffer>,
  context: StreamContext,
  cuts: readonly number[] = [],
): Promise<ReplayResult> {
  const body = new ReadableStream<Uint8Array<ArrayBuffer>>({
    start(controller) {
      let from = 0;
      for (const cut of [...cuts, bytes.length]) {
        if (cut > from) controller.enqueue(bytes.slice(from, cut));
        from = Math.max(from, cut);
      }
      controller.close();
    },
  });
  const reader = body
    .pipeThrough(new TextDecoderStream())
    .pipeThrough(new EventSourceParserStream())
    .getReader();
  const translator = new ChatStreamTranslator(context);
  const chunks: OpenAIChatCompletionChunk[] = [];
  for (;;) {
    const next = await reader.read();
    if (next.done) break;
    chunks.push(...translator.push(JSON.parse(next.value.data) as GeminiGenerateContentResponse));
  }
  const end = translator.end();
  chunks.push(...end.chunks);
  return end.error ? { chunks, error: end.error } : { chunks };
}

/** Replays once per possible cut position, plus once cut into single bytes. */
export async function replayAtEveryCut(bytes: Uint8Array<ArrayBuffer>, context: StreamContext) {
  const results: ReplayResult[] = [];
  for (let cut = 1; cut < bytes.length; cut++) results.push(await replaySse(bytes, context, [cut]));
  const everyByte = Array.from({ length: bytes.length }, (_, index) => index);
  results.push(await replaySse(bytes, context, everyByte));
  return results;
}
