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
  return values.slice(0, dimensions).map((value) => value / length);
}
