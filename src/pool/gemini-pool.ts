import type { ApiKey } from "../gemini/api-key.ts";
import {
  callGemini,
  callGeminiJson,
  type GeminiCall,
  type GeminiTarget,
} from "../gemini/client.ts";
import { type OpenedGeminiStream, openGeminiStream } from "../gemini/stream.ts";
import type { Attempt } from "./key-failover.ts";
import { withKeyFailover } from "./key-failover.ts";

/**
 * What every surface calls to reach Gemini: one call, run with this worker's keys — key choice,
 * failover and the retry decisions happen here, once. A surface never picks a key itself.
 * Failures that no key could fix are thrown as an ApiError (surfaces render it in their shape).
 */
export class GeminiPool {
  readonly keys: readonly ApiKey[];
  readonly target: GeminiTarget;
  /** Keys tried for this request, in order, for the request's log line. */
  readonly attempts: Attempt[];

  constructor(keys: readonly ApiKey[], target: GeminiTarget, attempts: Attempt[]) {
    this.keys = keys;
    this.target = target;
    this.attempts = attempts;
  }

  /** A call whose answer is JSON. */
  json<T>(call: GeminiCall): Promise<T> {
    return this.#run((key) => callGeminiJson<T>(this.target, key, call));
  }

  /** A call whose 2xx response is handed back as it is (native pass-through). */
  response(call: GeminiCall): Promise<Response> {
    return this.#run((key) => callGemini(this.target, key, call));
  }

  /** An SSE stream; another key is tried only until its first event has arrived. */
  stream(call: GeminiCall): Promise<OpenedGeminiStream> {
    return this.#run((key) => openGeminiStream(this.target, key, call));
  }

  #run<T>(attempt: (key: ApiKey) => Promise<T>): Promise<T> {
    return withKeyFailover(this.keys, attempt, this.attempts);
  }
}
