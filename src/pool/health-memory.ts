import { BoundedMap } from "../../common/bounded-map.ts";
import { type KeyProblem, QUOTA_FAULTS, type UpstreamError } from "../gemini/upstream-error.ts";
import { type Clock, systemClock } from "./clock.ts";
import { nextPacificMidnight } from "./pacific-midnight.ts";

/** Why a key may not be used now; the names are the codes clients and /health see. */
export type ParkReason =
  | "rate_limited"
  | "daily_quota_exhausted"
  | "no_quota_for_model"
  | "cooling_down"
  | "key_rejected";

export const PARK_REASONS: readonly ParkReason[] = [
  "rate_limited",
  "daily_quota_exhausted",
  "no_quota_for_model",
  "cooling_down",
  "key_rejected",
];

export interface Park {
  reason: ParkReason;
  /** When the key may be tried again (ms since the epoch). */
  until: number;
  /** For `key_rejected`: what Gemini said is wrong with the key. */
  problem?: KeyProblem;
}

/** One key as this isolate knows it, for the status page: parks only, never the key. */
export interface KeyDescription {
  /** Whether any call with this key has been answered here (success or a key/quota verdict). */
  seen: boolean;
  keyPark: Park | null;
  modelParks: { model: string; park: Park }[];
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
export const PARK_RULES = {
  /** `limit: 0`: the project has no quota for the model; look again tomorrow. */
  noQuotaMs: 24 * 60 * MINUTE,
  /** An invalid or suspended key rests this long, then one request probes it. */
  keyRejectedMs: 60 * MINUTE,
  /** While that one probe is under way, nobody else uses the key. */
  probeLeaseMs: 30 * SECOND,
  /** A bare 429 with no details: a short cool-down, doubled on each repeat, up to a cap. */
  coolDownMs: 10 * SECOND,
  coolDownMaxMs: 5 * MINUTE,
  /** The shortest park for a per-minute 429, whatever its retryDelay says. */
  minRateLimitS: 1,
};

/**
 * The most this memory holds, whatever clients send: keys come from the worker's environment
 * (8 per backend as deployed), models from requests — any name a client sends that Gemini answers
 * with a quota error gets an entry, so they are capped per key. When a key's models are full,
 * entries without a live park go first, then the least recently used.
 */
export const HEALTH_MEMORY_LIMITS = { keys: 256, modelsPerKey: 64 };

interface ModelHealth {
  park: Park | null;
  /** Bare 429s in a row, for the doubling cool-down. */
  strikes: number;
}

interface KeyHealth {
  park: Park;
}

/**
 * What this isolate has learned about its keys: a park per (key, model) for quota errors and per
 * key for rejected keys, with the rules of issue 10. Each backend holds different keys, so its own
 * memory is all it needs. Keys are looked up by value but never reported: `summary` gives counts.
 */
export class HealthMemory {
  readonly now: Clock;
  readonly #keys = new BoundedMap<string, KeyHealth>(HEALTH_MEMORY_LIMITS.keys);
  readonly #models = new BoundedMap<string, BoundedMap<string, ModelHealth>>(
    HEALTH_MEMORY_LIMITS.keys,
  );
  readonly #inFlight = new BoundedMap<string, number>(HEALTH_MEMORY_LIMITS.keys);
  readonly #seen = new BoundedMap<string, true>(HEALTH_MEMORY_LIMITS.keys);

  constructor(now: Clock = systemClock) {
    this.now = now;
  }

  /** What keeps `key` from serving `model` now (a model-less call only sees key parks); null = free. */
  parkOf(key: string, model: string | null): Park | null {
    const now = this.now();
    const keyHealth = this.#keys.peek(key);
    if (keyHealth && keyHealth.park.until > now) return keyHealth.park;
    if (model === null) return null;
    const park = this.#models.peek(key)?.peek(model)?.park;
    return park && park.until > now ? park : null;
  }

  /**
   * Takes `key` for one call to `model`: false when it is parked. A rejected key whose rest is
   * over is lent to this one call (the probe); others skip it until the probe has answered.
   */
  claim(key: string, model: string | null): boolean {
    if (this.parkOf(key, model)) return false;
    const keyHealth = this.#keys.peek(key);
    if (keyHealth) {
      keyHealth.park = { reason: "key_rejected", until: this.now() + PARK_RULES.probeLeaseMs };
    }
    return true;
  }

  /** Calls under way with `key`: the pool prefers idle keys, so concurrent requests rarely both hit a limit. */
  inFlight(key: string): number {
    return this.#inFlight.peek(key) ?? 0;
  }

  /** Marks a call with `key` as started; the returned function marks it finished. */
  begin(key: string): () => void {
    this.#inFlight.set(key, this.inFlight(key) + 1);
    return () => {
      const left = this.inFlight(key) - 1;
      if (left > 0) this.#inFlight.set(key, left);
      else this.#inFlight.delete(key);
    };
  }

  recordSuccess(key: string, model: string | null) {
    this.#seen.set(key, true);
    this.#keys.delete(key);
    // A model that answers holds no park and no strikes: nothing left to remember.
    if (model !== null) this.#models.peek(key)?.delete(model);
  }

  /** Parks what the failure says cannot serve; 503, 500, connection and location errors park nothing. */
  recordFailure(key: string, model: string | null, error: UpstreamError) {
    const now = this.now();
    if (error.fault === "key-rejected" || QUOTA_FAULTS.has(error.fault)) this.#seen.set(key, true);
    if (error.fault === "key-rejected") {
      const problem = error.keyProblem ?? undefined;
      this.#keys.set(key, {
        park: {
          reason: "key_rejected",
          until: now + PARK_RULES.keyRejectedMs,
          ...(problem && { problem }),
        },
      });
      return;
    }
    // Any answer about quota proves Gemini accepted the key: a probe has succeeded.
    if (error.fault !== "server" && error.fault !== "overloaded") this.#keys.delete(key);
    if (model === null) return;
    const health = this.#modelHealth(key, model);
    switch (error.fault) {
      case "rate-limited": {
        const delay = error.retryAfterSeconds;
        // A wait of 0 s ("retryDelay": "0s") still means "not now": at least a second.
        const until =
          delay !== null
            ? now + Math.max(delay, PARK_RULES.minRateLimitS) * SECOND
            : now + MINUTE - (now % MINUTE);
        health.park = { reason: "rate_limited", until };
        return;
      }
      case "daily-quota":
        health.park = { reason: "daily_quota_exhausted", until: nextPacificMidnight(now) };
        return;
      case "no-quota":
        health.park = { reason: "no_quota_for_model", until: now + PARK_RULES.noQuotaMs };
        return;
      case "quota-unspecified": {
        health.strikes++;
        const delay = PARK_RULES.coolDownMs * 2 ** (health.strikes - 1);
        health.park = {
          reason: "cooling_down",
          until: now + Math.min(delay, PARK_RULES.coolDownMaxMs),
        };
        return;
      }
      default:
        return;
    }
  }

  /** Counts only: keys with no park at all, and keys with a park of each reason (for /health). */
  summary(keys: readonly string[]): { healthy: number; parked: Record<ParkReason, number> } {
    const now = this.now();
    const parked = Object.fromEntries(PARK_REASONS.map((reason) => [reason, 0])) as Record<
      ParkReason,
      number
    >;
    let healthy = 0;
    for (const key of keys) {
      const reasons = new Set<ParkReason>();
      const keyHealth = this.#keys.peek(key);
      if (keyHealth && keyHealth.park.until > now) reasons.add(keyHealth.park.reason);
      for (const health of this.#models.peek(key)?.values() ?? []) {
        if (health.park && health.park.until > now) reasons.add(health.park.reason);
      }
      if (reasons.size === 0) healthy++;
      for (const reason of reasons) parked[reason]++;
    }
    return { healthy, parked };
  }

  /** What this isolate knows of one key: its key park and its live parks per model. */
  describe(key: string): KeyDescription {
    const now = this.now();
    const keyPark = this.#keys.peek(key)?.park;
    const modelParks: KeyDescription["modelParks"] = [];
    for (const [model, health] of this.#models.peek(key) ?? []) {
      if (health.park && health.park.until > now) modelParks.push({ model, park: health.park });
    }
    return {
      seen: this.#seen.has(key),
      keyPark: keyPark && keyPark.until > now ? keyPark : null,
      modelParks,
    };
  }

  /** How many (key, model) entries are held, for the bound's tests. */
  get modelEntries(): number {
    let count = 0;
    for (const models of this.#models.values()) count += models.size;
    return count;
  }

  #modelHealth(key: string, model: string): ModelHealth {
    let models = this.#models.get(key);
    if (!models) {
      models = new BoundedMap(HEALTH_MEMORY_LIMITS.modelsPerKey);
      this.#models.set(key, models);
    }
    let health = models.get(model);
    if (!health) {
      if (models.size >= models.maxSize) {
        const now = this.now();
        models.sweep((entry) => entry.park === null || entry.park.until <= now);
      }
      health = { park: null, strikes: 0 };
      models.set(model, health);
    }
    return health;
  }
}

/** This isolate's memory, shared by every request and route (chat, embeddings, models). */
export const isolateHealthMemory = new HealthMemory();
