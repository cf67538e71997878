import type { GeminiError } from "../errors.ts";
import {
  bareExhausted,
  consumerSuspended,
  keyInvalid,
  locationUnsupported,
  type QuotaKind,
  quotaExceeded,
  serviceDisabled,
  type Violation,
} from "./bodies.ts";
import type { ModelLimits, QuotaEvent, QuotaOptions, QuotaProject } from "./options.ts";

const MINUTE_MS = 60_000;
/** The model methods that spend quota. */
const COUNTED =
  /^\/v1beta\/models\/([^:/]+):(generateContent|streamGenerateContent|embedContent|batchEmbedContents)$/;

/** countTokens spends no quota, but a model with none at all (`limit: 0`) is refused there too. */
const COUNT_TOKENS = /^\/v1beta\/models\/([^:/]+):countTokens$/;

const pacificDay = new Intl.DateTimeFormat("en-CA", {
  timeZone: "America/Los_Angeles",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

interface Usage {
  minute: number;
  requests: number;
  tokens: number;
  day: string;
  dayRequests: number;
}

/**
 * Counts requests per project and model like Gemini does (fixed minute windows, days ending at
 * midnight Pacific) and refuses with Google's bodies once a limit is reached. Refused requests
 * spend nothing. Every answer is logged as a QuotaEvent.
 */
export class QuotaMode {
  readonly #options: QuotaOptions;
  readonly #projectOf = new Map<string, QuotaProject>();
  readonly #usage = new Map<string, Usage>();
  #events: QuotaEvent[] = [];

  constructor(options: QuotaOptions) {
    this.#options = options;
    for (const project of options.projects) {
      for (const key of project.keys) this.#projectOf.set(key, project);
    }
  }

  now(): number {
    return this.#options.now?.() ?? Date.now();
  }

  /** Every answer so far, oldest first. */
  events(): readonly QuotaEvent[] {
    return this.#events;
  }

  /**
   * Requests the projects could still serve for `model` right now (each project's smaller of its
   * minute and day headroom), summed; Infinity when some project has no limit for it.
   */
  headroom(model: string): number {
    const now = this.now();
    let total = 0;
    for (const project of this.#options.projects) {
      const limits: ModelLimits = project.limits?.[model] ?? this.#options.defaultLimits ?? {};
      const usage = this.#usageOf(project, model, now);
      const minute = limits.rpm === undefined ? Infinity : limits.rpm - usage.requests;
      const day = limits.rpd === undefined ? Infinity : limits.rpd - usage.dayRequests;
      total += Math.max(0, Math.min(minute, day));
    }
    return total;
  }

  reset() {
    this.#usage.clear();
    this.#events = [];
  }

  /** The refusal for this request, or undefined when it may go on (and has been counted). */
  admit(key: string, method: string, path: string, bodyText: string): GeminiError | undefined {
    const decoded = decodeURIComponent(path);
    const model = method === "POST" ? COUNTED.exec(decoded)?.[1] : undefined;
    const refusal = this.#options.refusals?.[key];
    const project = this.#projectOf.get(key);
    const counting = method === "POST" ? COUNT_TOKENS.exec(decoded)?.[1] : undefined;
    if (!refusal && (!(model || counting) || !project)) return undefined;
    const now = this.now();
    const log = (outcome: QuotaEvent["outcome"]) =>
      this.#events.push({ key, model: model ?? "", time: now, outcome });
    if (refusal) {
      log(refusal);
      if (refusal === "invalid") return keyInvalid();
      if (refusal === "suspended") return consumerSuspended(key, project?.number ?? "0");
      if (refusal === "service-disabled") return serviceDisabled(project?.number ?? "0");
      return locationUnsupported();
    }
    if (counting && project) return this.#noQuota(project, counting, now, log);
    if (!model || !project) return undefined;
    const limits: ModelLimits = project.limits?.[model] ?? this.#options.defaultLimits ?? {};
    const usage = this.#usageOf(project, model, now);
    const tokens = Math.ceil(bodyText.length / 4);
    const exceeded: QuotaKind[] = [];
    if (limits.rpd !== undefined && usage.dayRequests + 1 > limits.rpd) exceeded.push("rpd");
    if (limits.rpm !== undefined && usage.requests + 1 > limits.rpm) exceeded.push("rpm");
    if (limits.tpm !== undefined && usage.tokens + tokens > limits.tpm) exceeded.push("tpm");
    if (exceeded.length === 0) {
      usage.requests++;
      usage.dayRequests++;
      usage.tokens += tokens;
      log("ok");
      return undefined;
    }
    const limitZero = exceeded.some((kind) => limits[kind] === 0);
    const retrySeconds = (MINUTE_MS - (now % MINUTE_MS)) / 1000;
    if (this.#options.bareKeys?.includes(key)) {
      log("bare");
      return bareExhausted();
    }
    if (limitZero) {
      log("limit-0");
      return this.#limitZero(model, retrySeconds);
    }
    log(exceeded[0] ?? "rpm");
    const violations: Violation[] = exceeded.map((kind) => ({
      kind,
      model,
      limit: limits[kind] ?? 0,
    }));
    return quotaExceeded(violations, retrySeconds, this.#options.paidTier ?? false);
  }

  /** Google lists every free-tier quota of the model, each at limit 0. */
  #limitZero(model: string, retrySeconds: number): GeminiError {
    const all: QuotaKind[] = ["rpd", "rpm", "tpm"];
    return quotaExceeded(
      all.map((kind) => ({ kind, model, limit: 0 })),
      retrySeconds,
      this.#options.paidTier ?? false,
    );
  }

  /** countTokens: refused only when the project has no quota at all for the model; counts nothing. */
  #noQuota(
    project: QuotaProject,
    model: string,
    now: number,
    log: (outcome: QuotaEvent["outcome"]) => void,
  ): GeminiError | undefined {
    const limits: ModelLimits = project.limits?.[model] ?? this.#options.defaultLimits ?? {};
    if (limits.rpm !== 0 && limits.rpd !== 0 && limits.tpm !== 0) return undefined;
    log("limit-0");
    return this.#limitZero(model, (MINUTE_MS - (now % MINUTE_MS)) / 1000);
  }

  #usageOf(project: QuotaProject, model: string, now: number): Usage {
    const id = `${project.number}\u0000${model}`;
    const minute = Math.floor(now / MINUTE_MS);
    const day = pacificDay.format(new Date(now));
    let usage = this.#usage.get(id);
    if (!usage) {
      usage = { minute, requests: 0, tokens: 0, day, dayRequests: 0 };
      this.#usage.set(id, usage);
    }
    if (usage.minute !== minute) Object.assign(usage, { minute, requests: 0, tokens: 0 });
    if (usage.day !== day) Object.assign(usage, { day, dayRequests: 0 });
    return usage;
  }
}
