import type { ApiError } from "../../../../../common/api-error.ts";
import {
  ChatStreamTranslator,
  type StreamContext,
} from "../../../../../src/surfaces/openai/translate/chat-stream.ts";
import type { OpenAIChatCompletionChunk } from "../../../../../src/surfaces/openai/translate/openai-types.ts";
import { everyCut, geminiEvents } from "../../../../support/gemini-sse-events.ts";

export { readStreamFixture } from "../../../../support/gemini-sse-events.ts";

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
  const translator = new ChatStreamTranslator(context);
  const chunks: OpenAIChatCompletionChunk[] = [];
  for (const event of await geminiEvents(bytes, cuts)) chunks.push(...translator.push(event));
  const end = translator.end();
  chunks.push(...end.chunks);
  return end.error ? { chunks, error: end.error } : { chunks };
}

/** Replays once per possible cut position, plus once cut into single bytes. */
export async function replayAtEveryCut(bytes: Uint8Array<ArrayBuffer>, context: StreamContext) {
  const results: ReplayResult[] = [];
  for (const cuts of everyCut(bytes)) results.push(await replaySse(bytes, context, cuts));
  return results;
}
