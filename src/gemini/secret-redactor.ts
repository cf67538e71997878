import { redactSecrets } from "../../common/key-fingerprint.ts";

const encoder = new TextEncoder();

/**
 * Redacts key values from a byte stream that is passed through chunk by chunk (a streamed Gemini
 * answer may carry an error event whose message names a key). A chunk is decoded, cleaned and
 * re-encoded; when its end could be the start of a key, that end is held back until the next
 * chunk shows whether it is one, so a key split over two reads is caught too. Gemini's events end
 * in `}`, `]` or line breaks, which start no key, so nothing of an event is ever held back.
 */
export class SecretRedactor {
  readonly #secrets: readonly string[];
  readonly #decoder = new TextDecoder();
  #held = "";

  constructor(secrets: readonly string[]) {
    this.#secrets = secrets.filter((secret) => secret.length >= 4);
  }

  /** The bytes to send for this chunk (possibly fewer, when an end is held back). */
  push(chunk: Uint8Array): Uint8Array {
    if (this.#secrets.length === 0) return chunk;
    const text = redactSecrets(
      this.#held + this.#decoder.decode(chunk, { stream: true }),
      this.#secrets,
    );
    const hold = this.#heldBackLength(text);
    this.#held = text.slice(text.length - hold);
    return encoder.encode(text.slice(0, text.length - hold));
  }

  /** What is still held back, once the stream has ended. */
  flush(): Uint8Array {
    if (this.#secrets.length === 0) return new Uint8Array();
    const text = redactSecrets(this.#held + this.#decoder.decode(), this.#secrets);
    this.#held = "";
    return encoder.encode(text);
  }

  /** The length of the longest end of `text` that is a proper start of some secret. */
  #heldBackLength(text: string): number {
    let longest = 0;
    for (const secret of this.#secrets) {
      const most = Math.min(secret.length - 1, text.length);
      for (let length = most; length > longest; length--) {
        if (text.endsWith(secret.slice(0, length))) {
          longest = length;
          break;
        }
      }
    }
    return longest;
  }
}
