const encoder = new TextEncoder();

/** Digests of the expected secrets (PASS), computed once per isolate rather than per request. */
const expectedDigests = new Map<string, Promise<ArrayBuffer>>();

const sha256 = (value: string) => crypto.subtle.digest("SHA-256", encoder.encode(value));

/**
 * Compares a presented secret with the expected one in constant time, also across different
 * lengths: both are hashed to SHA-256 first, so the comparison always runs over 32 bytes and
 * leaks neither content nor length through timing.
 */
export async function constantTimeEqual(presented: string, expected: string): Promise<boolean> {
  let expectedDigest = expectedDigests.get(expected);
  if (!expectedDigest) {
    if (expectedDigests.size >= 8) expectedDigests.clear();
    expectedDigest = sha256(expected);
    expectedDigests.set(expected, expectedDigest);
  }
  const [digestA, digestB] = await Promise.all([sha256(presented), expectedDigest]);
  const bytesA = new Uint8Array(digestA);
  const bytesB = new Uint8Array(digestB);
  let difference = 0;
  for (let index = 0; index < bytesA.length; index++) {
    difference |= (bytesA[index] ?? 0) ^ (bytesB[index] ?? 0);
  }
  return difference === 0;
}
