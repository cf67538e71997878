/**
 * Key affinity without storage: every resource id the gateway hands out (a file, a cached
 * content, an upload session) ends with a tag naming the key that created it, so a later request
 * naming the resource can be sent to that key — the only one whose Google project can see it.
 *
 * A tag is 12 characters of `[0-9a-f]` appended to Google's id: the key's 8-digit print (the first
 * 32 bits of its SHA-256, whose first 6 digits are the fingerprint the status page shows), then
 * 4 check digits over id and print. Appended, never separated, because clients parse ids:
 * `@google/genai` reads a file's id out of its URI as the first `[a-z0-9]+` after `files/`
 * (tFileName), and Google documents file ids as at most 40 lowercase letters, digits or dashes.
 * Google's generated file ids are 12 characters, so a tagged one (24) stays within that limit.
 * The check digits tell a tag from an id that happens to end in 12 hex digits (1 in 65,536 slips
 * through); they are no signature — a client who forges one only reaches a key of the same pool,
 * whose project answers for itself.
 */

export const TAG_LENGTH = 12;
export const PRINT_LENGTH = 8;

const HEX12 = /^[0-9a-f]{12}$/;

/** FNV-1a (32 bits) of the text, as 4 hex digits: cheap, synchronous, no crypto needed. */
function checkDigits(text: string): string {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return ((hash >>> 16) ^ (hash & 0xffff)).toString(16).padStart(4, "0");
}

/** `id` with the tag of the key whose print is `print` appended. */
export function tagId(id: string, print: string): string {
  return `${id}${print}${checkDigits(id + print)}`;
}

export interface ReadTag {
  /** Google's own id, as it goes upstream. */
  id: string;
  /** The print of the key that created it. */
  print: string;
}

/** The id and print of a tagged id; null when `tagged` carries no valid tag. */
export function readTag(tagged: string): ReadTag | null {
  if (tagged.length <= TAG_LENGTH) return null;
  const tag = tagged.slice(-TAG_LENGTH);
  if (!HEX12.test(tag)) return null;
  const id = tagged.slice(0, -TAG_LENGTH);
  const print = tag.slice(0, PRINT_LENGTH);
  return checkDigits(id + print) === tag.slice(PRINT_LENGTH) ? { id, print } : null;
}

/** The longest id Google documents for files and File Search stores. */
export const MAX_FILE_ID_LENGTH = 40;
