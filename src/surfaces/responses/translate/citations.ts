import type { UrlCitation } from "./response-types.ts";

interface GroundingMetadata {
  groundingChunks?: { web?: { uri?: string; title?: string } }[];
  groundingSupports?: {
    segment?: { startIndex?: number; endIndex?: number };
    groundingChunkIndices?: number[];
  }[];
}

const encoder = new TextEncoder();

/**
 * Google Search grounding → OpenAI's `url_citation` annotations on the answer text. Gemini gives
 * segment offsets in UTF-8 bytes (GroundingSupport.segment in the v1beta protos); OpenAI's
 * start/end are character indices into the text, so bytes are mapped back to characters.
 */
export function toUrlCitations(metadata: unknown, text: string): UrlCitation[] {
  const grounding = metadata as GroundingMetadata | undefined;
  const chunks = grounding?.groundingChunks ?? [];
  const supports = grounding?.groundingSupports ?? [];
  if (chunks.length === 0) return [];
  const toChar = byteToCharIndex(text);
  const citations: UrlCitation[] = [];
  for (const support of supports) {
    const start = toChar(support.segment?.startIndex ?? 0);
    const end = toChar(support.segment?.endIndex ?? 0);
    for (const index of support.groundingChunkIndices ?? []) {
      const web = chunks[index]?.web;
      if (!web?.uri) continue;
      citations.push({
        type: "url_citation",
        url: web.uri,
        title: web.title ?? web.uri,
        start_index: start,
        end_index: end,
      });
    }
  }
  if (citations.length === 0) {
    // Sources without supports still count as sources of the whole answer.
    for (const chunk of chunks) {
      if (chunk.web?.uri) {
        citations.push({
          type: "url_citation",
          url: chunk.web.uri,
          title: chunk.web.title ?? chunk.web.uri,
          start_index: 0,
          end_index: text.length,
        });
      }
    }
  }
  return citations;
}

function byteToCharIndex(text: string): (byte: number) => number {
  return (byte) => {
    let bytes = 0;
    let index = 0;
    for (const char of text) {
      if (bytes >= byte) return index;
      bytes += encoder.encode(char).length;
      index += char.length;
    }
    return text.length;
  };
}
