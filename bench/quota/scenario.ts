/**
 * The quota scenario of issue 10: 17 free-tier keys in 9 projects (8 of two keys, one alone),
 * sharded 6/6/5 over three backends by key index — so a project's keys often sit in different
 * backends — two models with small per-minute and per-day limits (one project has no quota for
 * the second model at all), and an offered load twice what the keys can serve.
 */
import type { QuotaOptions } from "../../emulator/quota/options.ts";

export const FLASH = "gemini-2.5-flash";
export const PRO = "gemini-2.5-pro";
export const MODELS = [FLASH, PRO] as const;

export const LIMITS = {
  [FLASH]: { rpm: 5, rpd: 40 },
  [PRO]: { rpm: 2, rpd: 10 },
};

export const KEY_COUNT = 17;
export const PROJECT_COUNT = 9;

/** Keys `bench-quota-k1` … `k17`; key i belongs to project ⌈i/2⌉. */
export const KEYS = Array.from({ length: KEY_COUNT }, (_, index) => `bench-quota-k${index + 1}`);

/** Backend b holds every key whose index ≡ b (mod 3): 6/6/5. */
export const SHARDS = [0, 1, 2].map((backend) => KEYS.filter((_, index) => index % 3 === backend));

export function quotaOptions(now: () => number): QuotaOptions {
  return {
    now,
    projects: Array.from({ length: PROJECT_COUNT }, (_, project) => ({
      number: String(1001 + project),
      keys: KEYS.filter((_, index) => Math.floor(index / 2) === project),
      // The last project has no free quota for the second model (`limit: 0`).
      limits: project === PROJECT_COUNT - 1 ? { ...LIMITS, [PRO]: { rpm: 0, rpd: 0 } } : LIMITS,
    })),
  };
}

/** Requests per minute the keys can serve for a model (projects with quota × RPM). */
export function capacityPerMinute(model: (typeof MODELS)[number]): number {
  const projects = model === PRO ? PROJECT_COUNT - 1 : PROJECT_COUNT;
  return projects * LIMITS[model].rpm;
}

/** Offered load: twice the capacity, per model. */
export const LOAD_FACTOR = 2;

/** Simulated minutes: long enough to spend every daily quota and then some. */
export const SIMULATED_MINUTES = 14;
