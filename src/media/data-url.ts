import { badRequest } from "../../common/api-error.ts";
import { checkMediaType } from "./media-types.ts";

/** Media sent inline to Gemini (`inlineData`), base64. Shared by every surface. */
export interface InlineMedia {
  mimeType: string;
  /** base64 */
  data: string;
}

/** Fetches a remote (http/https) image; callers implement it with SSRF protection (src/images/). */
export type ResolveImage = (url: string) => Promise<InlineMedia>;

/** Only the header of a data URL is matched by a pattern: the payload can be megabytes. */
const DATA_URL_HEADER = /^data:([\w.+-]+\/[\w.+-]+)(?:;[\w.+-]+=[^;,]*)*;base64$/;
const NOT_BASE64 = /[^A-Za-z0-9+/=]/;
const WHITESPACE = /\s+/g;

export function parseDataUrl(url: string, path: string): InlineMedia {
  const comma = url.indexOf(",");
  const header = comma === -1 ? null : DATA_URL_HEADER.exec(url.slice(0, comma));
  if (!header?.[1]) {
    throw invalid(path, "expected a base64 data URL (data:<mime>;base64,<data>)");
  }
  const mimeType = checkMediaType(header[1], path);
  return { mimeType, data: checkBase64(url.slice(comma + 1), path) };
}

type SetFromBase64 = (this: Uint8Array, text: string) => { read: number; written: number };
/** Native base64 decoding (simdutf in workerd), into a buffer we own: no allocation per payload. */
const setFromBase64 = (Uint8Array.prototype as unknown as { setFromBase64?: SetFromBase64 })
  .setFromBase64;
/** Characters decoded per native call (a multiple of 4), into one small buffer reused for all. */
const PIECE = 64 * 1024;
let scratch: Uint8Array | undefined;

/**
 * Whether `data` is compact, padded base64, decided natively a piece at a time: the decoder
 * refuses characters outside the alphabet and misplaced padding, and skips whitespace — which
 * the decoded length gives away. Null when there is no native decoder or it is not sure
 * (whitespace, errors, padding before the last piece).
 */
function nativelyValid(data: string): boolean | null {
  if (!setFromBase64 || data.length % 4 !== 0 || data === "") return null;
  scratch ??= new Uint8Array((PIECE / 4) * 3);
  try {
    for (let from = 0; from < data.length; from += PIECE) {
      const piece = data.slice(from, from + PIECE);
      const { read, written } = setFromBase64.call(scratch, piece);
      const last = from + PIECE >= data.length;
      const padding = !last ? 0 : piece.endsWith("==") ? 2 : piece.endsWith("=") ? 1 : 0;
      if (read !== piece.length || written !== (piece.length / 4) * 3 - padding) return null;
    }
  } catch {
    return null;
  }
  return true;
}

/**
 * Payloads checkBase64 passed and the upstream body has not been serialized with yet, so that
 * serializing it (which asks isCompactBase64 of every long string) does not decode each megabyte
 * a second time. Each entry is a slice of its request's body and keeps that whole body alive (up
 * to MAX_BODY_BYTES), so an entry goes as soon as it is used, and at most RECENTLY_CHECKED_MAX
 * stay behind from requests that failed between check and send. A failover attempt that
 * serializes the body again decodes it again.
 */
const recentlyChecked: string[] = []; // bounded: RECENTLY_CHECKED_MAX
const RECENTLY_CHECKED_MAX = 4;

function remember(data: string): string {
  if (recentlyChecked.unshift(data) > RECENTLY_CHECKED_MAX) recentlyChecked.pop();
  return data;
}

/** How many checked payloads are remembered (for the bound's test). */
export const rememberedPayloads = () => recentlyChecked.length;

/**
 * Whether `data` is base64 of the alphabet only (no whitespace), padded: natively where the
 * runtime can (workerd), else by a pattern. Such text needs no escaping in JSON.
 */
export function isCompactBase64(data: string): boolean {
  const remembered = recentlyChecked.indexOf(data);
  if (remembered !== -1) {
    recentlyChecked.splice(remembered, 1);
    return true;
  }
  return nativelyValid(data) ?? patternValid(data);
}

/** The alphabet only, a length of whole quads, and padding only at the end. */
function patternValid(data: string): boolean {
  if (data === "" || data.length % 4 !== 0 || NOT_BASE64.test(data)) return false;
  const padding = data.indexOf("=");
  return padding === -1 || (padding >= data.length - 2 && data.endsWith("="));
}

/**
 * One native pass over the payload in the common case; whitespace (line-wrapped base64) is
 * stripped only when that pass finds something other than the base64 alphabet.
 */
export function checkBase64(data: string, path: string): string {
  if (nativelyValid(data)) return remember(data);
  const compact = NOT_BASE64.test(data) ? data.replace(WHITESPACE, "") : data;
  if (!patternValid(compact)) throw invalid(path, "the data is not valid base64");
  return remember(compact);
}

const invalid = (param: string, reason: string) =>
  badRequest(param, `Invalid value for '${param}': ${reason}.`);
