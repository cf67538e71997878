import { payloadTooLarge } from "../../common/openai-error.ts";

/** Inline images and PDFs travel base64 in the body; the backends accept the same 25 MiB. */
export const MAX_BODY_BYTES = 25 * 1024 * 1024;

/**
 * Reads the request body once into memory so it can be replayed to another backend, refusing
 * (413) a body larger than `limit` — by its Content-Length first, then by the bytes actually read.
 * Returns null for a request without a body.
 */
export async function readBodyLimited(
  request: Request,
  limit: number = MAX_BODY_BYTES,
): Promise<ArrayBuffer | null> {
  const declared = Number(request.headers.get("content-length") ?? Number.NaN);
  if (Number.isFinite(declared) && declared > limit) throw payloadTooLarge(limit);
  if (!request.body) return null;
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw payloadTooLarge(limit);
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body.buffer;
}
