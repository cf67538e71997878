import { connectionFailed, type UpstreamError } from "./upstream-error.ts";

/**
 * The signal of one upstream attempt: aborted when the client goes away (the request's own
 * signal) or when Gemini keeps us waiting longer than the timeout — for the response headers,
 * and then for each next piece of the body. The timer runs only while the gateway is waiting on
 * Gemini, never while a slow client is reading.
 */
export class AttemptSignal {
  readonly #controller = new AbortController();
  readonly #client: AbortSignal[];
  #timedOut = false;
  readonly timeoutMs: number;

  /** `client`: the signals that end the work when the client is gone (undefined ones are skipped). */
  constructor(client: readonly (AbortSignal | undefined)[], timeoutMs: number) {
    this.#client = client.filter((signal) => signal !== undefined);
    this.timeoutMs = timeoutMs;
    // One controller, fed by listeners (not AbortSignal.any, whose result the sources hold only
    // weakly): the client's signal keeps this attempt's controller alive for as long as it lives.
    for (const signal of this.#client) {
      if (signal.aborted) this.#controller.abort(signal.reason);
      else
        signal.addEventListener("abort", () => this.#controller.abort(signal.reason), {
          once: true,
        });
    }
  }

  /** What the upstream fetch listens to. */
  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  get clientGone(): boolean {
    return this.#client.some((signal) => signal.aborted);
  }

  get timedOut(): boolean {
    return this.#timedOut;
  }

  /** Runs `wait` with the timer armed; on expiry the attempt is aborted and `timedOut` rejects. */
  async within<T>(wait: Promise<T>, what: string): Promise<T> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const error = upstreamTimedOut(what, this.timeoutMs);
        this.#timedOut = true;
        this.#controller.abort(error);
        reject(error);
      }, this.timeoutMs);
    });
    try {
      return await Promise.race([wait, expired]);
    } finally {
      if (timer !== undefined) clearTimeout(timer);
    }
  }

  /**
   * `body` with every read bounded by the timeout: a gap longer than that errors the stream with
   * an UpstreamError and closes the upstream connection. One upstream read, one chunk out.
   */
  bodyOf(body: ReadableStream<Uint8Array>): ReadableStream<Uint8Array> {
    const reader = body.getReader();
    return new ReadableStream<Uint8Array>(
      {
        pull: async (controller) => {
          try {
            const { done, value } = await this.within(reader.read(), "no further data");
            if (done) controller.close();
            else controller.enqueue(value);
          } catch (error) {
            reader.cancel(error).catch(() => {});
            controller.error(error);
          }
        },
        cancel: (reason) => reader.cancel(reason),
      },
      { highWaterMark: 0 },
    );
  }
}

/** A timeout is a failed attempt on this key: another key may be tried (before the first byte). */
export const upstreamTimedOut = (what: string, timeoutMs: number): UpstreamError =>
  connectionFailed(`${what} within ${timeoutMs / 1000} s (UPSTREAM_TIMEOUT_S)`);
