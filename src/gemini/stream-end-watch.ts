/**
 * Whether a Gemini stream passed on as bytes has ended as Gemini ends an answer, found without
 * parsing its events: a finished answer carries a `finishReason` (its last chunk), a refused
 * prompt a `blockReason`, and a failure an `error` object. These names can appear only as keys:
 * inside a string (the model's text, a function's arguments) JSON escapes the quotes around
 * them, so `"finishReason"` never matches text; a function argument with that very name is the
 * one false match, and it only makes an incomplete stream look finished, as it did before.
 *
 * Nothing is decoded per chunk (the pass-through's hot path): the last chunks, at least WINDOW
 * bytes of them, are kept by reference and searched only when asked — at the end, and by a
 * keep-alive (at most once per interval). The finishing event is the last one, so its names lie
 * within that window.
 */
export class StreamEndWatch {
  readonly #recent: Uint8Array[] = [];
  #recentBytes = 0;
  /** What the last search found, valid until another chunk comes. */
  #found: { finished: boolean; failed: boolean } | null = null;

  /** A finish or block reason was seen: the answer is whole. */
  get finished(): boolean {
    return this.#search().finished;
  }

  /** Gemini sent an error object: it told the client itself why the answer stops. */
  get failed(): boolean {
    return this.#search().failed;
  }

  /** Something ended the answer: no keep-alive may follow it. */
  get ended(): boolean {
    const found = this.#search();
    return found.finished || found.failed;
  }

  push(chunk: Uint8Array): void {
    if (chunk.byteLength === 0) return;
    this.#recent.push(chunk);
    this.#recentBytes += chunk.byteLength;
    while (
      this.#recent.length > 1 &&
      this.#recentBytes - (this.#recent[0]?.byteLength ?? 0) >= WINDOW
    ) {
      this.#recentBytes -= this.#recent.shift()?.byteLength ?? 0;
    }
    this.#found = null;
  }

  #search(): { finished: boolean; failed: boolean } {
    if (this.#found) return this.#found;
    const decoder = new TextDecoder();
    let text = "";
    for (const chunk of this.#recent) text += decoder.decode(chunk, { stream: true });
    text += decoder.decode();
    this.#found = {
      finished: text.includes('"finishReason"') || text.includes('"blockReason"'),
      failed: ERROR_KEY.test(text),
    };
    return this.#found;
  }
}

/** How much of the stream's end is searched: more than the finishing event with its metadata. */
const WINDOW = 256 * 1024;
/** An `error` key: the name, then (after any white space) its colon. */
const ERROR_KEY = /"error"\s*:/;
