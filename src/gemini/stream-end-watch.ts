/**
 * Whether a Gemini stream passed on as bytes has ended as Gemini ends an answer, found without
 * parsing its events: a finished answer carries a `finishReason` (its last chunk), a refused
 * prompt a `blockReason`, and a failure an `error` object. These names can appear only as keys:
 * inside a string (the model's text, a function's arguments) JSON escapes the quotes around
 * them, so `"finishReason"` never matches text; a function argument with that very name is the
 * one false match, and it only makes an incomplete stream look finished, as it did before.
 */
export class StreamEndWatch {
  readonly #decoder = new TextDecoder();
  /** The end of the text seen so far, so a name split over two chunks is still found. */
  #carry = "";
  #finished = false;
  #failed = false;

  /** A finish or block reason was seen: the answer is whole. */
  get finished(): boolean {
    return this.#finished;
  }

  /** Gemini sent an error object: it told the client itself why the answer stops. */
  get failed(): boolean {
    return this.#failed;
  }

  /** Something ended the answer: no keep-alive may follow it. */
  get ended(): boolean {
    return this.#finished || this.#failed;
  }

  push(chunk: Uint8Array): void {
    if (this.#finished && this.#failed) return;
    const text = this.#carry + this.#decoder.decode(chunk, { stream: true });
    if (!this.#finished && (text.includes('"finishReason"') || text.includes('"blockReason"'))) {
      this.#finished = true;
    }
    if (!this.#failed && ERROR_KEY.test(text)) this.#failed = true;
    this.#carry = text.slice(-CARRY);
  }
}

/** The longest name looked for, less one: what a split can leave of it in the previous chunk. */
const CARRY = '"finishReason"'.length - 1;
/** An `error` key: the name, then (after any white space) its colon. */
const ERROR_KEY = /"error"\s*:/;
