import { readFileSync } from "node:fs";
import { EventSourceParserStream } from "eventsource-parser/stream";
import type { GeminiGenerateContentResponse } from "../../src/gemini/types.ts";

/** A recorded Gemini SSE stream from test/fixtures/streams/. */
export function readStreamFixture(name: string): Uint8Array<ArrayBuffer> {
  return readFileSync(new URL(`../fixtures/streams/${name}`, import.meta.url));
}

/**
 * The Gemini events of SSE bytes cut at the given offsets, parsed the way the worker parses them
 * (TextDecoderStream → EventSourceParserStream → JSON.parse).
 */
export async function geminiEvents(
  bytes: Uint8Array<ArrayBuffer>,
  cuts: readonly number[] = [],
): Promise<GeminiGenerateContentResponse[]> {
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
  const events: GeminiGenerateContentResponse[] = [];
  for (;;) {
    const next = await reader.read();
    if (next.done) return events;
    events.push(JSON.parse(next.value.data) as GeminiGenerateContentResponse);
  }
}

/** Every way to cut the bytes once, plus cut into single bytes. */
export function everyCut(bytes: Uint8Array): number[][] {
  const single = Array.from({ length: bytes.length - 1 }, (_, index) => [index + 1]);
  return [...single, Array.from({ length: bytes.length }, (_, index) => index)];
}
