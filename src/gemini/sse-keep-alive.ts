const encoder = new TextEncoder();
const OPEN = encoder.encode("data: ");
const SPACE = encoder.encode(" ");
const DATA = encoder.encode("data:");
const LF = 10;
const CR = 13;
const SPACE_BYTE = 32;

/**
 * Keep-alives for Gemini's own SSE passed on as bytes, that every Gemini-native reader accepts.
 * An SSE comment (`: keep-alive`) would do for spec-following readers and @google/genai (it skips
 * events without `data:`), but the legacy @google/generative-ai (LangChain's Google package uses
 * it) matches `^data: (.*)(\n\n|\r\r|\r\n\r\n)` at the start of what it has buffered: a comment
 * there stalls it until the stream ends, then it fails ("Failed to parse stream"). So while
 * Gemini is silent between two events, the next event is begun early: `data: ` first, then one
 * space per keep-alive; when Gemini's event arrives, its own `data:` (and the one space after it)
 * is dropped and the rest follows. The event's data then starts with spaces, which JSON allows
 * and every reader hands to JSON.parse (after trimming, in @google/genai).
 *
 * It tracks the bytes sent to the client: a keep-alive goes only where an event has just ended
 * (after `\n\n`, `\r\r` or `\r\n\r\n` — the delimiters both SDKs split on), never inside one.
 */
export class SseKeepAlive {
  /** The last bytes sent, enough to see an event's end. */
  readonly #tail = new Uint8Array(4);
  #tailLength = 0;
  /** A `data: ` begun by a keep-alive is waiting for Gemini's next event. */
  #open = false;
  /** How much of Gemini's next `data:` has been dropped (up to 5, then 6 with its space). */
  #dropped = 0;

  /** The bytes to send now to keep the connection alive, or null where none may go. */
  keepAlive(): Uint8Array | null {
    if (this.#open) return SPACE;
    if (!this.#atEventEnd()) return null;
    this.#open = true;
    this.#dropped = 0;
    return OPEN;
  }

  /** Whether the bytes sent so far end between two events (a keep-alive's `data: ` counts as open). */
  get between(): boolean {
    return !this.#open && this.#atEventEnd();
  }

  /** Whether a keep-alive began an event that Gemini's next one must complete. */
  get open(): boolean {
    return this.#open;
  }

  /**
   * Gemini's bytes as they go to the client: while an event is open, the start of Gemini's next
   * one (`data:` and one space) is dropped. Anything else there — never sent by Gemini — first
   * closes the begun event with an empty object, so no reader sees a broken one.
   */
  pass(bytes: Uint8Array): Uint8Array {
    let out = bytes;
    if (this.#open) {
      let index = 0;
      while (index < bytes.length && this.#dropped < DATA.length) {
        if (bytes[index] !== DATA[this.#dropped]) break;
        this.#dropped++;
        index++;
      }
      if (this.#dropped < DATA.length && index < bytes.length) {
        // Not Gemini's `data:`: end the begun event, then send what was held back and the rest.
        out = concat(encoder.encode("{}\r\n\r\n"), DATA.subarray(0, this.#dropped), bytes);
        this.#open = false;
      } else if (this.#dropped === DATA.length && index < bytes.length) {
        if (bytes[index] === SPACE_BYTE) index++;
        out = bytes.subarray(index);
        this.#open = false;
      } else {
        // All of it was (part of) `data:`; the rest comes with the next bytes.
        return new Uint8Array();
      }
    }
    this.#sent(out);
    return out;
  }

  /** Records bytes the stream itself adds (an error event), so the next keep-alive knows where it is. */
  added(bytes: Uint8Array): void {
    this.#open = false;
    this.#sent(bytes);
  }

  #sent(bytes: Uint8Array): void {
    if (bytes.length >= 4) {
      this.#tail.set(bytes.subarray(bytes.length - 4));
      this.#tailLength = 4;
      return;
    }
    const kept = Math.min(this.#tailLength, 4 - bytes.length);
    this.#tail.copyWithin(0, this.#tailLength - kept, this.#tailLength);
    this.#tail.set(bytes, kept);
    this.#tailLength = kept + bytes.length;
  }

  #atEventEnd(): boolean {
    const tail = this.#tail.subarray(0, this.#tailLength);
    const at = (back: number) => tail[tail.length - back];
    if (tail.length < 2) return false;
    if (at(1) === LF && at(2) === LF) return true;
    if (at(1) === CR && at(2) === CR) return true;
    return tail.length === 4 && at(1) === LF && at(2) === CR && at(3) === LF && at(4) === CR;
  }
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
