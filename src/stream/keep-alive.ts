/** How long a started stream may stay silent before the surface's keep-alive is sent. */
export const DEFAULT_KEEPALIVE_S = 15;

/**
 * Sends a keep-alive while a started stream waits on Gemini and the client has been sent nothing
 * for `intervalMs` — a model thinking for minutes must not look like a dead connection to a client
 * or proxy with a read timeout. One timer per stream, not one per chunk (in workerd each
 * setTimeout/clearTimeout pair is CPU billed to the request): a wait only notes that it began,
 * and the timer, when it fires, either finds the stream silent long enough (sends, and sets itself
 * again) or sets itself for the rest of the interval.
 */
export class KeepAlive {
  readonly #send: () => void;
  readonly #intervalMs: number;
  #lastSent = Date.now();
  #waiting = false;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #stopped = false;

  constructor(send: () => void, intervalMs: number) {
    this.#send = send;
    this.#intervalMs = intervalMs;
  }

  /** Something went to the client just now. */
  sent(): void {
    this.#lastSent = Date.now();
  }

  /** The stream starts waiting on Gemini (true) or has its next piece (false). */
  waiting(waiting: boolean): void {
    this.#waiting = waiting;
    if (waiting && this.#timer === undefined && !this.#stopped) {
      this.#arm(this.#intervalMs - (Date.now() - this.#lastSent));
    }
  }

  /** The stream is over: no timer stays behind. */
  stop(): void {
    this.#stopped = true;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #arm(delayMs: number): void {
    this.#timer = setTimeout(() => this.#check(), Math.max(delayMs, 0));
  }

  #check(): void {
    this.#timer = undefined;
    // Not waiting on Gemini (the client is the slow one): the next wait sets the timer again.
    if (this.#stopped || !this.#waiting) return;
    const silent = Date.now() - this.#lastSent;
    if (silent >= this.#intervalMs) {
      this.#send();
      this.#lastSent = Date.now();
      this.#arm(this.#intervalMs);
    } else {
      this.#arm(this.#intervalMs - silent);
    }
  }
}
