import { ApiError } from "../../common/api-error.ts";
import { FAILOVER_HEADER } from "../../common/backend-protocol.ts";
import type { ApiKey } from "../gemini/api-key.ts";
import {
  callGeminiBytes,
  callGeminiJson,
  callModel,
  type GeminiBytes,
  type GeminiCall,
  type GeminiTarget,
} from "../gemini/client.ts";
import { openPassThroughStream, type StreamFraming } from "../gemini/pass-through-stream.ts";
import { type OpenedGeminiStream, openGeminiStream } from "../gemini/stream.ts";
import { RequestUsage } from "../usage/request-usage.ts";
import { type HealthMemory, isolateHealthMemory } from "./health-memory.ts";
import { type Attempt, type PoolRequest, withKeyFailover } from "./key-failover.ts";

export interface PoolOptions {
  /** What the pool has learned about its keys; default: this isolate's shared memory. */
  memory?: HealthMemory;
  /** "Model overloaded" answers already spent on this request by other backends. */
  overloadedSpent?: number;
  /** Throws when the request's credential may not use a model (a per-user token's model list). */
  allowModel?: ((model: string) => void) | null;
  /** Where the request's usage is gathered (models, tokens) for its usage data point. */
  usage?: RequestUsage;
  /**
   * The pool holds the one key that owns the resource a request names: its failures are final
   * (no other backend holds that key), so a parked key answers its own 429 with Retry-After.
   */
  pinned?: boolean;
}

/**
 * What every surface calls to reach Gemini: one call, run with this worker's keys — key choice,
 * parking of exhausted keys, failover and the retry decisions happen here, once. A surface never
 * picks a key itself. Failures that no key could fix are thrown as an ApiError (surfaces render it
 * in their shape); its headers say whether another backend may help.
 */
export class GeminiPool {
  readonly keys: readonly ApiKey[];
  readonly target: GeminiTarget;
  /** Keys tried for this request, in order, for the request's log line. */
  readonly attempts: Attempt[];
  readonly memory: HealthMemory;
  /** The request's usage: the stream machinery adds what streams cost. */
  readonly usage: RequestUsage;
  readonly #request: PoolRequest;
  readonly #allowModel: ((model: string) => void) | null;
  readonly #pinned: boolean;

  constructor(
    keys: readonly ApiKey[],
    target: GeminiTarget,
    attempts: Attempt[],
    options: PoolOptions = {},
  ) {
    this.keys = keys;
    this.target = target;
    this.attempts = attempts;
    this.memory = options.memory ?? isolateHealthMemory;
    this.#request = { attempts, overloadedSpent: options.overloadedSpent ?? 0 };
    this.#allowModel = options.allowModel ?? null;
    this.usage = options.usage ?? new RequestUsage();
    this.#pinned = options.pinned ?? false;
  }

  /** This request's pool reduced to `key`, the one whose project owns a resource. */
  pinnedTo(key: ApiKey): GeminiPool {
    return new GeminiPool([key], this.target, this.attempts, {
      memory: this.memory,
      overloadedSpent: this.#request.overloadedSpent,
      allowModel: this.#allowModel,
      usage: this.usage,
      pinned: true,
    });
  }

  /** `bytes`, and the key that served it (a created resource is tagged with it). */
  bytesFrom(call: GeminiCall): Promise<{ answer: GeminiBytes; key: ApiKey }> {
    return this.#run(call, async (key) => ({
      answer: await callGeminiBytes(this.target, key, call),
      key,
    }));
  }

  /** A call whose answer is JSON. */
  json<T>(call: GeminiCall): Promise<T> {
    return this.#run(call, async (key) => {
      const answer = await callGeminiJson<T>(this.target, key, call);
      this.usage.answered(answer as Parameters<RequestUsage["answered"]>[0]);
      return answer;
    });
  }

  /** A call whose whole 2xx answer is handed back as bytes, unparsed (native pass-through). */
  bytes(call: GeminiCall): Promise<GeminiBytes> {
    return this.#run(call, (key) => callGeminiBytes(this.target, key, call));
  }

  /** An SSE stream; another key is tried only until its first event has arrived. */
  stream(call: GeminiCall): Promise<OpenedGeminiStream> {
    return this.#run(call, (key) => openGeminiStream(this.target, key, call));
  }

  /** `json`, and the key that answered (long decode goes on with `pinnedTo` that key). */
  jsonFrom<T>(call: GeminiCall): Promise<{ answer: T; key: ApiKey }> {
    return this.#run(call, async (key) => {
      const answer = await callGeminiJson<T>(this.target, key, call);
      this.usage.answered(answer as Parameters<RequestUsage["answered"]>[0]);
      return { answer, key };
    });
  }

  /** `stream`, and the key that answered. */
  streamFrom(call: GeminiCall): Promise<{ opened: OpenedGeminiStream; key: ApiKey }> {
    return this.#run(call, async (key) => ({
      opened: await openGeminiStream(this.target, key, call),
      key,
    }));
  }

  /**
   * `streamGenerateContent` passed through as Gemini frames it (SSE or a JSON array): another key
   * is tried only until the first event has arrived, so the client never sees a failed key.
   */
  passThroughStream(call: GeminiCall, framing: StreamFraming): Promise<Response> {
    return this.#run(call, (key) => openPassThroughStream(this.target, key, call, framing));
  }

  #run<T>(call: GeminiCall, attempt: (key: ApiKey) => Promise<T>): Promise<T> {
    const model = callModel(call);
    // Refused before any key is spent: the same on every key and every backend.
    if (model !== null) {
      this.#allowModel?.(model);
      this.usage.asked(model);
    }
    const run = withKeyFailover(this.keys, attempt, {
      memory: this.memory,
      request: this.#request,
      model,
    });
    if (!this.#pinned) return run;
    // No other backend holds a pinned key: whatever it answered is the answer.
    return run.catch((error: unknown) => {
      if (error instanceof ApiError) error.headers[FAILOVER_HEADER] = "no";
      throw error;
    });
  }
}
