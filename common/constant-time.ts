import { BoundedMap } from "./bounded-map.ts";

const encoder = new TextEncoder();

/** The expected secrets (PASS) as bytes, encoded once per isolate rather than per request. */
const expectedBytes = new BoundedMap<string, Uint8Array>(8);

function bytesOf(expected: string): Uint8Array {
  let bytes = expectedBytes.peek(expected);
  if (!bytes) {
    bytes = encoder.encode(expected);
    expectedBytes.set(expected, bytes);
  }
  return bytes;
}

/**
 * Compares a presented secret with the expected one without an early exit: every byte position
 * up to the longer of the two lengths is visited, and a length mismatch counts as a difference,
 * so the time taken says nothing about how much of a guess was right. (The most it can say is the
 * PASS's length, and only to a guess shorter than it; a long random PASS is not weakened by that.)
 * Synchronous, and no digest per request: this runs on every request of both workers.
 */
export function constantTimeEqual(presented: string, expected: string): boolean {
  const a = encoder.encode(presented);
  const b = bytesOf(expected);
  const length = Math.max(a.length, b.length);
  let difference = a.length ^ b.length;
  for (let index = 0; index < length; index++) {
    difference |= (a[index] ?? 0) ^ (b[index] ?? 0);
  }
  return difference === 0;
}
