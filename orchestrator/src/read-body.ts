import { payloadTooLarge } from "../../common/api-error.ts";
import { MAX_BODY_BYTES } from "../../common/body-limit.ts";
import { readCapped, TooLargeError } from "../../common/read-capped.ts";

/**
 * Reads the request body once into memory so it can be replayed to another backend, refusing
 * (413) a body larger than `limit` — by its Content-Length first, then (for a body sent without
 * one) by the bytes actually read.
 * Returns null for a request without a body. A Blob, not an ArrayBuffer: a Request copies a
 * buffer body when it is built (a megabyte per attempt) but holds an immutable Blob as it is.
 */
export async function readBodyLimited(
  request: Request,
  limit: number = MAX_BODY_BYTES,
): Promise<Blob | null> {
  const declared = Number(request.headers.get("content-length") ?? Number.NaN);
  if (Number.isFinite(declared) && declared > limit) throw payloadTooLarge(limit);
  if (!request.body) return null;
  // A declared length within the cap (the runtime holds the body to it): one native read, no
  // JavaScript per chunk. A body without one (chunked) is read with a running cap.
  if (Number.isFinite(declared)) return request.blob();
  try {
    return new Blob([(await readCapped(request.body, limit)) as Uint8Array<ArrayBuffer>]);
  } catch (error) {
    if (error instanceof TooLargeError) throw payloadTooLarge(limit);
    throw error;
  }
}
