import { createParser, type EventSourceParser } from "eventsource-parser";
import type { UpstreamBody } from "./client.ts";

/**
 * Reads a Gemini SSE body as a queue of event payloads: bytes are decoded and parsed as they
 * arrive, with one streaming TextDecoder and one SSE parser — no chain of stream stages, whose
 * per-chunk cost dominated the worker's CPU time.
 */
export class GeminiEventReader {
  readonly #reader: UpstreamBody;
  readonly #decoder = new TextDecoder();
  readonly #parser: EventSourceParser;
  readonly #events: string[] = [];
  #done = false;

  constructor(body: UpstreamBody) {
    this.#reader = body;
    this.#parser = createParser({ onEvent: (event) => this.#events.push(event.data) });
  }

  /**
   * The events that arrived with the next read of the body (at least one), or null once the body
   * has ended. Rejects when the connection breaks.
   */
  async next(): Promise<string[] | null> {
    while (this.#events.length === 0) {
      if (this.#done) return null;
      const { done, value } = await this.#reader.read();
      if (done) {
        this.#done = true;
        this.#parser.feed(this.#decoder.decode());
        this.#parser.feed("\n\n");
      } else {
        this.#parser.feed(this.#decoder.decode(value, { stream: true }));
      }
    }
    return this.#events.splice(0);
  }

  cancel(reason?: unknown): Promise<void> {
    return this.#reader.cancel(reason).catch(() => {});
  }
}
