import type { ChatCompletionMessage } from "openai/resources/chat/completions";
import type { GeminiGroundingMetadata } from "../../../gemini/types.ts";

export type UrlCitation = NonNullable<ChatCompletionMessage["annotations"]>[number];

const encoder = new TextEncoder();

/**
 * Google Search grounding (groundingMetadata: groundingChunks with web sources, groundingSupports
 * tying text segments to chunks; https://ai.google.dev/gemini-api/docs/google-search) → OpenAI's
 * web-search annotations `{type: "url_citation", url_citation: {url, title, start_index,
 * end_index}}`. Segment offsets are UTF-8 bytes; OpenAI's are string indices into `content`. A
 * source no segment cites still appears, spanning the whole answer.
 */
export function toUrlCitations(
  metadata: GeminiGroundingMetadata | undefined,
  content: string,
): UrlCitation[] {
  const chunks = metadata?.groundingChunks ?? [];
  const citations: UrlCitation[] = [];
  const cited = new Set<number>();
  const seen = new Set<string>();
  const add = (chunkIndex: number, start: number, end: number) => {
    const web = chunks[chunkIndex]?.web;
    if (!web?.uri) return;
    const key = `${chunkIndex}:${start}:${end}`;
    if (seen.has(key)) return;
    seen.add(key);
    cited.add(chunkIndex);
    citations.push({
      type: "url_citation",
      url_citation: {
        url: web.uri,
        title: web.title ?? web.uri,
        start_index: start,
        end_index: end,
      },
    });
  };
  const bytes = encoder.encode(content);
  for (const support of metadata?.groundingSupports ?? []) {
    const segment = support.segment ?? {};
    const start = toStringIndex(bytes, segment.startIndex ?? 0);
    const end = toStringIndex(bytes, segment.endIndex ?? bytes.length);
    for (const chunkIndex of support.groundingChunkIndices ?? []) add(chunkIndex, start, end);
  }
  for (const chunkIndex of chunks.keys()) {
    if (!cited.has(chunkIndex)) add(chunkIndex, 0, content.length);
  }
  return citations;
}

/** A UTF-8 byte offset → the UTF-16 index of the same position (clamped to the text). */
function toStringIndex(bytes: Uint8Array, byteOffset: number): number {
  const offset = Math.min(Math.max(byteOffset, 0), bytes.length);
  return new TextDecoder().decode(bytes.subarray(0, offset)).length;
}
