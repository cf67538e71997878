import { decodeBase64 } from "./base64-bytes.ts";

/**
 * Width × height of a base64 PNG or JPEG, read from its header without decoding the image: the
 * PNG IHDR chunk (bytes 16–23), or a JPEG's first start-of-frame marker. Null when the format is
 * another or the header is not where it should be.
 */
export function readImageDimensions(data: string): [number, number] | null {
  if (data.startsWith("iVBORw0KGgo")) return pngDimensions(decodeBase64(data.slice(0, 32)));
  if (data.startsWith("/9j/")) return jpegDimensions(decodeBase64(data.slice(0, JPEG_SCAN)));
  return null;
}

/** How far into a JPEG (base64 characters) a frame header is looked for: EXIF can come first. */
const JPEG_SCAN = 256 * 1024;

function pngDimensions(bytes: Uint8Array): [number, number] | null {
  if (bytes.length < 24) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return [view.getUint32(16), view.getUint32(20)];
}

/** SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC). */
const isStartOfFrame = (marker: number) =>
  marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;

function jpegDimensions(bytes: Uint8Array): [number, number] | null {
  let offset = 2;
  while (offset + 9 < bytes.length) {
    if (bytes[offset] !== 0xff) return null;
    const marker = bytes[offset + 1] as number;
    if (marker === 0xff) {
      offset += 1;
      continue;
    }
    const length = ((bytes[offset + 2] as number) << 8) | (bytes[offset + 3] as number);
    if (isStartOfFrame(marker)) {
      const height = ((bytes[offset + 5] as number) << 8) | (bytes[offset + 6] as number);
      const width = ((bytes[offset + 7] as number) << 8) | (bytes[offset + 8] as number);
      return [width, height];
    }
    offset += 2 + length;
  }
  return null;
}
