import { bytesToBase64 } from "../../common/base64.ts";

type ToBase64 = (this: Uint8Array) => string;
type SetFromBase64 = (this: Uint8Array, text: string) => { read: number; written: number };

/** Native base64 (simdutf in workerd) where the runtime has it: no string per byte. */
const nativeToBase64 = (Uint8Array.prototype as unknown as { toBase64?: ToBase64 }).toBase64;
const nativeSetFromBase64 = (Uint8Array.prototype as unknown as { setFromBase64?: SetFromBase64 })
  .setFromBase64;

/** Bytes → standard padded base64. */
export function encodeBase64(bytes: Uint8Array): string {
  return nativeToBase64 ? nativeToBase64.call(bytes) : bytesToBase64(bytes);
}

/** Standard base64 (already checked, or from Gemini) → bytes. */
export function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  if (nativeSetFromBase64) {
    // setFromBase64 into a buffer of the largest decoded size (what data-url.ts uses; in a
    // profile of 30 s of speech, Uint8Array.fromBase64 cost several times more in workerd).
    const bytes = new Uint8Array(Math.ceil(text.length / 4) * 3);
    const { written } = nativeSetFromBase64.call(bytes, text);
    return bytes.subarray(0, written);
  }
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  return bytes;
}
