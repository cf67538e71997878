import { connectionFailed, type UpstreamError } from "./upstream-error.ts";

/**
 * The signal of one upstream attempt: aborted when the client goes away (the request's own
 * signal) or when Gemini keeps us waiting longer than the timeout — for the response headers,
 * and then for each next piece of the body. The clock runs only while the gateway is waiting on
 * Gemini, never while a slow client is reading.
 *
 * One timer per attempt, not one per read: a wait only notes when it began, and the timer, when
 * it fires, either finds a wait older than the timeout (the attempt is aborted) or sets itself
 * again for the rest. A stream of hundreds of chunks costs no timer calls per chunk — in workerd
 * each setTimeout/clearTimeout pair is CPU billed to the request.
 */
export class AttemptSignal {
  readonly #controller = new AbortController();
  readonly #client: AbortSignal[];
  readonly timeoutMs: number;
  #timedOut: UpstreamError | null = null;
  /** What the attempt is waiting on Gemini for (null while it is not waiting), and since when. */
  #waitingFor: string | null = null;
  #waitingSince = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;

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

  /**
   * Waits for `wait` — a fetch or a read of its body, which the attempt's signal ends — with the
   * clock running; on expiry the attempt is aborted and this rejects with the timeout's error.
   */
  async within<T>(wait: Promise<T>, what: string): Promise<T> {
    this.#waitingFor = what;
    this.#waitingSince = Date.now();
    if (this.#timer === undefined) this.#arm(this.timeoutMs);
    try {
      return await wait;
    } catch (error) {
      throw this.#timedOut ?? error;
    } finally {
      this.#waitingFor = null;
    }
  }

  /** The attempt is over (its body read, or given up): no timer stays behind. */
  end(): void {
    if (this.#timer === undefined) return;
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #arm(delayMs: number): void {
    this.#timer = setTimeout(() => this.#check(), delayMs);
  }

  #check(): void {
    this.#timer = undefined;
    // Not waiting (a slow client is reading): the next wait sets the timer again.
    if (this.#waitingFor === null) return;
    const waited = Date.now() - this.#waitingSince;
    if (waited < this.timeoutMs) {
      this.#arm(this.timeoutMs - waited);
      return;
    }
    this.#timedOut = upstreamTimedOut(this.#waitingFor, this.timeoutMs);
    this.#controller.abort(this.#timedOut);
  }
}

/** A timeout is a failed attempt on this key: another key may be tried (before the first byte). */
export const upstreamTimedOut = (what: string, timeoutMs: number): UpstreamError =>
  connectionFailed(`${what} within ${timeoutMs / 1000} s (UPSTREAM_TIMEOUT_S)`);
