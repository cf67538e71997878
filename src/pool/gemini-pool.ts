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
import {
  type Conformed,
  conformToModel,
  correctForRefusal,
  describeAdjustment,
} from "../gemini/conform-request.ts";
import type { LearntRules } from "../gemini/models/learnt-rules.ts";
import { openPassThroughStream, type StreamFraming } from "../gemini/pass-through-stream.ts";
import { type OpenedGeminiStream, openGeminiStream } from "../gemini/stream.ts";
import type { GeminiGenerateContentRequest } from "../gemini/types.ts";
import { UpstreamError } from "../gemini/upstream-error.ts";
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
  /** Where the settings the gateway changed are reported (`x-router-adjusted`, the log line). */
  adjustments?: string[];
  /** What Gemini's refusals taught; default: this isolate's memory. */
  learnt?: LearntRules;
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
  /** Settings changed for the model, e.g. `thinkingLevel=MINIMAL->LOW` (x-router-adjusted). */
  readonly adjustments: string[];
  readonly #learnt: LearntRules | undefined;
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
    this.adjustments = options.adjustments ?? [];
    this.#learnt = options.learnt;
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
      adjustments: this.adjustments,
      ...(this.#learnt ? { learnt: this.#learnt } : {}),
    });
  }

  /** `bytes`, and the key that served it (a created resource is tagged with it). */
  bytesFrom(call: GeminiCall): Promise<{ answer: GeminiBytes; key: ApiKey }> {
    return this.#run(call, async (key, current) => ({
      answer: await callGeminiBytes(this.target, key, current),
      key,
    }));
  }

  /** A call whose answer is JSON. */
  json<T>(call: GeminiCall): Promise<T> {
    return this.#run(call, async (key, current) => {
      const answer = await callGeminiJson<T>(this.target, key, current);
      this.usage.answered(answer as Parameters<RequestUsage["answered"]>[0]);
      return answer;
    });
  }

  /** A call whose whole 2xx answer is handed back as bytes, unparsed (native pass-through). */
  bytes(call: GeminiCall): Promise<GeminiBytes> {
    return this.#run(call, (key, current) => callGeminiBytes(this.target, key, current));
  }

  /** An SSE stream; another key is tried only until its first event has arrived. */
  stream(call: GeminiCall): Promise<OpenedGeminiStream> {
    return this.#run(call, (key, current) => openGeminiStream(this.target, key, current));
  }

  /** `json`, and the key that answered (long decode goes on with `pinnedTo` that key). */
  jsonFrom<T>(call: GeminiCall): Promise<{ answer: T; key: ApiKey }> {
    return this.#run(call, async (key, current) => {
      const answer = await callGeminiJson<T>(this.target, key, current);
      this.usage.answered(answer as Parameters<RequestUsage["answered"]>[0]);
      return { answer, key };
    });
  }

  /** `stream`, and the key that answered. */
  streamFrom(call: GeminiCall): Promise<{ opened: OpenedGeminiStream; key: ApiKey }> {
    return this.#run(call, async (key, current) => ({
      opened: await openGeminiStream(this.target, key, current),
      key,
    }));
  }

  /**
   * `streamGenerateContent` passed through as Gemini frames it (SSE or a JSON array): another key
   * is tried only until the first event has arrived, so the client never sees a failed key.
   */
  passThroughStream(call: GeminiCall, framing: StreamFraming): Promise<Response> {
    return this.#run(call, (key, current) =>
      openPassThroughStream(this.target, key, current, framing),
    );
  }

  /** `passThroughStream`, and the key that answered (the ids in an interaction's events are tagged with it). */
  passThroughStreamFrom(
    call: GeminiCall,
    framing: StreamFraming,
  ): Promise<{ response: Response; key: ApiKey }> {
    return this.#run(call, async (key, current) => ({
      response: await openPassThroughStream(this.target, key, current, framing),
      key,
    }));
  }

  /**
   * A generateContent body is first conformed to the model (conform-request.ts: settings the
   * table or this isolate's lessons say it refuses are replaced, a refused prefill is the
   * client's 400). If Gemini still refuses one setting with a known 400 (known-refusals.ts), the
   * lesson is remembered and the corrected request is sent once more with the same key — at most
   * one extra call per request, and never for any other 400. A body passed through as bytes
   * (native surface) is sent as it came unless conforming changed it (then the changed body).
   */
  #run<T>(call: GeminiCall, attempt: (key: ApiKey, call: GeminiCall) => Promise<T>): Promise<T> {
    const model = callModel(call);
    // Refused before any key is spent: the same on every key and every backend.
    if (model !== null) {
      this.#allowModel?.(model);
      this.usage.asked(model);
    }
    let current = this.#conformed(call, (id, body) => conformToModel(id, body, this.#learnt));
    let corrected = false;
    const correcting = async (key: ApiKey): Promise<T> => {
      try {
        return await attempt(key, current);
      } catch (error) {
        if (corrected || !(error instanceof UpstreamError) || !error.refusal) throw error;
        const refusal = error.refusal;
        const retry = this.#conformed(current, (id, body) =>
          correctForRefusal(id, body, refusal, this.#learnt),
        );
        if (retry === current) throw error;
        corrected = true;
        current = retry;
        this.#request.attempts.push({ keyIndex: key.index, outcome: error.status });
        return attempt(key, current);
      }
    };
    const run = withKeyFailover(this.keys, correcting, {
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

  /** The call with its generateContent body conformed (the same call when nothing changed). */
  #conformed(
    call: GeminiCall,
    conform: (model: string, body: GeminiGenerateContentRequest) => Conformed | null,
  ): GeminiCall {
    if (
      call.kind !== "model-method" ||
      (call.method !== "generateContent" && call.method !== "streamGenerateContent") ||
      typeof call.body !== "object" ||
      call.body === null
    ) {
      return call;
    }
    const result = conform(call.model, call.body as GeminiGenerateContentRequest);
    if (!result || result.adjustments.length === 0) return call;
    // A long decode's later calls send the same body again: each change is reported once.
    for (const adjustment of result.adjustments.map(describeAdjustment)) {
      if (!this.adjustments.includes(adjustment)) this.adjustments.push(adjustment);
    }
    const { rawBody: _sentAsItCame, ...changed } = call;
    return { ...changed, body: result.body };
  }
}
