import { createHash } from "node:crypto";

/**
 * A unit-length vector of the model's full size derived from the text's SHA-256 (same text → same
 * vector). A shorter `dimensions` keeps its leading values as they are, NOT renormalized: Gemini
 * normalizes only full-size embeddings ("the 3072-dimension embedding is normalized; for other
 * dimensions you need to normalize them yourself", ai.google.dev/gemini-api/docs/embeddings).
 */
export function embeddingVector(text: string, fullSize: number, dimensions = fullSize): number[] {
  const values: number[] = [];
  for (let block = 0; values.length < fullSize; block++) {
    const digest = createHash("sha256").update(`${block}:${text}`).digest();
    for (let offset = 0; offset < digest.length && values.length < fullSize; offset += 4) {
      values.push(digest.readUInt32BE(offset) / 0x80000000 - 1);
    }
  }
  const length = Math.hypot(...values) || 1;
  return values.slice(0, dimensions).map((value) => asGeminiFloat(value / length));
}

/**
 * A value as Gemini's JSON carries it: ContentEmbedding.values is `repeated float` (float32, in
 * @google-ai/generativelanguage's generative_service.proto), which 9 significant digits render
 * exactly — not the 17 digits of a double, which would make every client's parse of a 100-vector
 * answer several times dearer than Gemini's own.
 */
function asGeminiFloat(value: number): number {
  return Number(Math.fround(value).toPrecision(9));
}
