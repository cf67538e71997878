import { isCompactBase64 } from "../media/data-url.ts";

/** Strings at least this long (media, in practice) are spliced in rather than serialized. */
export const SPLICE_MIN = 8 * 1024;

/**
 * A request body as JSON, like JSON.stringify — except that long base64 strings (images, PDFs,
 * audio) are spliced in as they are: JSON.stringify scans and copies every character of a string
 * to escape it, several ms per megabyte in V8, where base64 needs no escaping at all. With such
 * strings the JSON comes as UTF-8 bytes, written piece by piece into one buffer (no joined
 * megabyte string to build and then encode again); without, as the text.
 *
 * Null when `value` nests objects and arrays deeper than `maxDepth` (checked on the way, with an
 * explicit stack, never the JS call stack).
 */
export function requestJson(
  value: unknown,
  maxDepth: number,
): string | Uint8Array<ArrayBuffer> | null {
  if (typeof value !== "object" || value === null) return JSON.stringify(value);
  const media: string[] = [];
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop() as [unknown, number];
    if (depth > maxDepth) return null;
    for (const child of Object.values(current as object)) {
      if (typeof child === "object" && child !== null) stack.push([child, depth + 1]);
      else if (typeof child === "string" && child.length >= SPLICE_MIN && isCompactBase64(child))
        media.push(child);
    }
  }
  return media.length === 0 ? JSON.stringify(value) : spliced(value, media);
}

let nonce: string | undefined;
const encoder = new TextEncoder();

/**
 * JSON.stringify with each of `media` replaced by a placeholder string, then the placeholders
 * replaced by the strings themselves. The placeholder carries a random per-isolate nonce, so no
 * client text can pose as one; should the count still not match, plain JSON.stringify decides.
 */
function spliced(value: object, media: string[]): string | Uint8Array<ArrayBuffer> {
  // Drawn on first use: workerd allows no random numbers outside a request.
  nonce ??= crypto.randomUUID();
  const mark = `\u0000splice-${nonce}-`;
  const text = JSON.stringify(value, (_key, child: unknown) => {
    if (typeof child !== "string" || child.length < SPLICE_MIN) return child;
    const index = media.indexOf(child);
    return index === -1 ? child : `${mark}${index}`;
  });
  const escapedMark = `"\\u0000splice-${nonce}-`;
  // Text and media alternate: text, media, text, …, text.
  const texts: Uint8Array[] = [];
  const spliceIn: string[] = [];
  let copied = 0;
  let bytes = 0;
  for (;;) {
    const at = text.indexOf(escapedMark, copied);
    if (at === -1) break;
    const close = text.indexOf('"', at + escapedMark.length);
    const raw = media[Number(text.slice(at + escapedMark.length, close))];
    if (raw === undefined) return JSON.stringify(value);
    const before = encoder.encode(text.slice(copied, at + 1));
    texts.push(before);
    spliceIn.push(raw);
    bytes += before.length + raw.length; // base64 is ASCII: one byte a character
    copied = close;
  }
  if (spliceIn.length === 0) return JSON.stringify(value);
  const last = encoder.encode(text.slice(copied));
  texts.push(last);
  const out = new Uint8Array(bytes + last.length);
  let offset = 0;
  for (const [index, raw] of spliceIn.entries()) {
    const before = texts[index] as Uint8Array;
    out.set(before, offset);
    offset += before.length;
    encoder.encodeInto(raw, out.subarray(offset, offset + raw.length));
    offset += raw.length;
  }
  out.set(last, offset);
  return out;
}
