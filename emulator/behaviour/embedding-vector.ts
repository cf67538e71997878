import { createHash } from "node:crypto";

/**
 * A unit-length vector derived from the text's SHA-256 (same text → same vector). A shorter
 * `dimensions` keeps the leading values of the full vector, renormalized.
 */
export function embeddingVector(text: string, fullSize: number, dimensions = fullSize): number[] {
  const values: number[] = [];
  for (let block = 0; values.length < dimensions; block++) {
    const digest = createHash("sha256").update(`${block}:${text}`).digest();
    for (let offset = 0; offset < digest.length && values.length < dimensions; offset += 4) {
      values.push(digest.readUInt32BE(offset) / 0x80000000 - 1);
    }
  }
  const length = Math.hypot(...values) || 1;
  return values.map((value) => value / length);
}
