/**
 * JSON.parse with long string literals (base64 images, PDFs, audio) kept out of it: parsing a
 * megabyte literal scans and copies it. Here the long literals are cut out of the raw text with native `indexOf` scans, the small
 * rest is parsed, and the literals come back as slices of the body (no copy). Anything unusual
 * falls back to plain JSON.parse. (Serializing them again is cheap in workerd: its V8 copies a
 * string that needs no escaping in one fast pass, faster than any check that would let us splice.)
 */

/** Literals at least this long are cut out; shorter ones are cheaper to parse than to cut. */
export const LONG_STRING = 8 * 1024;
/** Bodies shorter than this are parsed as they are. */
const SPLICE_BODY_MIN = 64 * 1024;

/** What stands in for a cut literal: starts with U+0000, so JSON text must escape it. */
const TOKEN_TEXT = "\\u0000long-string:";
const TOKEN_VALUE = "\u0000long-string:";
const BACKSLASH = 92;

/** Whether the quote at `at` is escaped (an odd number of backslashes before it). */
function escaped(text: string, at: number): boolean {
  let before = at - 1;
  while (text.charCodeAt(before) === BACKSLASH) before--;
  return ((at - 1 - before) & 1) === 1;
}

/** Whether the literal closing at `close` is an object key (a colon follows it). */
function isKey(text: string, close: number): boolean {
  for (let at = close + 1; at < text.length; at++) {
    const code = text.charCodeAt(at);
    if (code === 0x3a) return true;
    if (code !== 0x20 && code !== 0x0a && code !== 0x0d && code !== 0x09) return false;
  }
  return false;
}

interface Cut {
  text: string;
  literals: string[];
}

/**
 * The body with each long string value (no escapes in it) replaced by a short token, and the
 * literals cut out; null when there is nothing to cut or the text is not what we can cut safely.
 */
export function cutLongStrings(text: string, minLength = LONG_STRING): Cut | null {
  // The next backslash at or after `from`, found forwards once per stretch (searching backwards
  // from each long literal's end would rescan the text before it).
  let backslash = text.indexOf("\\");
  // A token starts with a backslash: none can come before the first one.
  if (backslash !== -1 && text.includes(TOKEN_TEXT, backslash)) return null;
  const pieces: string[] = [];
  const literals: string[] = [];
  let copied = 0;
  let from = 0;
  for (;;) {
    const open = text.indexOf('"', from);
    if (open === -1) break;
    let close = open + 1;
    for (;;) {
      close = text.indexOf('"', close);
      if (close === -1) return null; // unterminated: let JSON.parse say so
      if (!escaped(text, close)) break;
      close++;
    }
    if (
      close - open - 1 >= minLength &&
      (backslash === -1 || backslash > close) &&
      !isKey(text, close)
    ) {
      pieces.push(text.slice(copied, open), `"${TOKEN_TEXT}${literals.length}"`);
      literals.push(text.slice(open + 1, close));
      copied = close + 1;
    }
    from = close + 1;
    if (backslash !== -1 && backslash < from) backslash = text.indexOf("\\", from);
  }
  if (literals.length === 0) return null;
  pieces.push(text.slice(copied));
  return { text: pieces.join(""), literals };
}

/** Puts the literals back in place of their tokens (in place), counting them. */
function restore(value: unknown, literals: string[], seen: { count: number }): unknown {
  if (typeof value === "string") {
    if (!value.startsWith(TOKEN_VALUE)) return value;
    const literal = literals[Number(value.slice(TOKEN_VALUE.length))];
    if (literal === undefined) throw new Error("unknown long-string token");
    seen.count++;
    return literal;
  }
  if (value === null || typeof value !== "object") return value;
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const item = record[key];
    const restored = restore(item, literals, seen);
    // defineProperty: JSON.parse makes "__proto__" an own property, which `=` would not set.
    if (restored !== item) Object.defineProperty(record, key, { value: restored });
  }
  return value;
}

/**
 * `JSON.parse(text)`, without copying long string literals: they come back as slices of `text`.
 * Throws a SyntaxError exactly when JSON.parse would, except that control characters inside a long
 * literal are not refused here (the field's own check, e.g. base64, refuses them by name).
 */
export function parseJsonKeepingLongStrings(text: string): unknown {
  if (text.length < SPLICE_BODY_MIN) return JSON.parse(text);
  const cut = cutLongStrings(text);
  if (!cut) return JSON.parse(text);
  let parsed: unknown;
  try {
    parsed = JSON.parse(cut.text);
  } catch {
    return JSON.parse(text);
  }
  const seen = { count: 0 };
  const restored = restore(parsed, cut.literals, seen);
  if (seen.count !== cut.literals.length) return JSON.parse(text);
  return restored;
}
