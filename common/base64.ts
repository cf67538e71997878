/** The runtime's own encoder (workerd and recent V8: `Uint8Array.prototype.toBase64`), if any. */
const nativeToBase64 = (Uint8Array.prototype as { toBase64?: (this: Uint8Array) => string })
  .toBase64;

/**
 * Bytes → standard base64: natively where the runtime can (workerd; one call, no intermediate
 * string), else through `btoa` in slices so large inputs never overflow the argument limit.
 */
export function bytesToBase64(bytes: Uint8Array): string {
  if (nativeToBase64) return nativeToBase64.call(bytes);
  let binary = "";
  for (let start = 0; start < bytes.length; start += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(start, start + 0x8000));
  }
  return btoa(binary);
}
