/**
 * Finds the first element of a JSON array of objects that arrives in pieces — how
 * `streamGenerateContent` answers without `alt=sse`: `[{…}\n,\r\n{…}]`. Only braces and strings
 * are tracked (enough to know where the object ends); the object itself is parsed by the caller.
 */
export class FirstArrayElement {
  #text = "";
  #position = 0;
  #start = -1;
  #opened = false;
  #depth = 0;
  #inString = false;
  #escaped = false;

  /**
   * Adds text; returns the first element's text once it is whole, null when the array is empty or
   * is not an array of objects, undefined while more text is needed.
   */
  push(text: string): string | null | undefined {
    this.#text += text;
    const source = this.#text;
    for (; this.#position < source.length; this.#position++) {
      const char = source[this.#position] as string;
      if (this.#inString) {
        if (this.#escaped) this.#escaped = false;
        else if (char === "\\") this.#escaped = true;
        else if (char === '"') this.#inString = false;
      } else if (this.#start === -1) {
        if (char === " " || char === "\n" || char === "\r" || char === "\t") continue;
        if (!this.#opened && char === "[") this.#opened = true;
        else if (this.#opened && char === "{") {
          this.#start = this.#position;
          this.#depth = 1;
        } else return null;
      } else if (char === '"') this.#inString = true;
      else if (char === "{" || char === "[") this.#depth++;
      else if (char === "}" || char === "]") {
        this.#depth--;
        if (this.#depth === 0) return source.slice(this.#start, this.#position + 1);
      }
    }
    return undefined;
  }
}
