/** Thrown by readCapped when a body is larger than allowed. */
export class TooLargeError extends RangeError {}

/**
 * Reads a body into one buffer, giving up (and cancelling the rest) as soon as it grows past
 * `maxBytes` — a declared Content-Length over the cap is refused before reading anything.
 */
export async function readCapped(
  body: ReadableStream<Uint8Array>,
  maxBytes: number,
  declaredLength?: string | null,
): Promise<Uint8Array> {
  const declared = Number(declaredLength ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await body.cancel().catch(() => {});
    throw new TooLargeError(`larger than ${maxBytes} bytes`);
  }
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw new TooLargeError(`larger than ${maxBytes} bytes`);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
