import { bytesToBase64 } from "../../common/base64.ts";

type ToBase64 = (this: Uint8Array) => string;
type FromBase64 = (text: string) => Uint8Array<ArrayBuffer>;

/** Native base64 (simdutf in workerd) where the runtime has it: no string per byte. */
const nativeToBase64 = (Uint8Array.prototype as unknown as { toBase64?: ToBase64 }).toBase64;
const nativeFromBase64 = (Uint8Array as unknown as { fromBase64?: FromBase64 }).fromBase64;

/** Bytes → standard padded base64. */
export function encodeBase64(bytes: Uint8Array): string {
  return nativeToBase64 ? nativeToBase64.call(bytes) : bytesToBase64(bytes);
}

/** Standard base64 (already checked, or from Gemini) → bytes. */
export function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  if (nativeFromBase64) return nativeFromBase64(text);
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  return bytes;
}
