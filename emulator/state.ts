import {
  DEFAULT_OPTIONS,
  type EmulatorOptions,
  type KeyBehavior,
  type RecordedRequest,
  type ResolvedOptions,
} from "./options.ts";
import type { QuotaOptions } from "./quota/options.ts";
import { InteractionStore } from "./resources/interactions.ts";
import { projectOf } from "./resources/projects.ts";
import { ResourceStore } from "./resources/store.ts";

const RECORDED_LIMIT = 1000;

/** What an emulator remembers between requests; shared by the HTTP handlers and the test API. */
export class EmulatorState {
  options: ResolvedOptions;
  private readonly behaviors = new Map<string, KeyBehavior>();
  private readonly perKey = new Map<string, number>();
  private recorded: RecordedRequest[] = [];
  private abortedRequests: RecordedRequest[] = [];
  /** Files, caches and upload sessions, per project. */
  readonly store = new ResourceStore();
  /** Interactions (Interactions API), per project. */
  readonly interactions = new InteractionStore();

  constructor(options: EmulatorOptions) {
    this.options = { ...DEFAULT_OPTIONS };
    this.setOptions(options);
  }

  setOptions(patch: Partial<EmulatorOptions>) {
    const defined = Object.entries(patch).filter(([, value]) => value !== undefined);
    this.options = { ...this.options, ...Object.fromEntries(defined) };
  }

  setKeyBehavior(key: string, behavior: KeyBehavior | null) {
    if (behavior) this.behaviors.set(key, behavior);
    else this.behaviors.delete(key);
  }

  behaviorOf(key: string): KeyBehavior | undefined {
    return this.behaviors.get(key);
  }

  record(request: RecordedRequest) {
    if (request.key !== undefined) {
      this.perKey.set(request.key, (this.perKey.get(request.key) ?? 0) + 1);
    }
    this.recorded.push(request);
    if (this.recorded.length > RECORDED_LIMIT) this.recorded.shift();
  }

  recordAborted(request: RecordedRequest) {
    this.abortedRequests.push(request);
    if (this.abortedRequests.length > RECORDED_LIMIT) this.abortedRequests.shift();
  }

  aborted(): RecordedRequest[] {
    return [...this.abortedRequests];
  }

  counts(): Record<string, number> {
    return Object.fromEntries(this.perKey);
  }

  requests(): RecordedRequest[] {
    return [...this.recorded];
  }

  /** Whether a key is accepted: one of `keys`, or any non-empty key when none are configured. */
  accepts(key: string): boolean {
    const keys = this.options.keys;
    return keys.length === 0 ? key !== "" : keys.includes(key);
  }

  now(): number {
    return this.options.now?.() ?? Date.now();
  }

  /** The project of a key (see EmulatorOptions.projects). */
  projectOf(key: string): string {
    const quota = (this.options as { quota?: QuotaOptions }).quota;
    return projectOf(this.options, quota, key);
  }

  reset() {
    this.store.clear();
    this.interactions.clear();
    this.behaviors.clear();
    this.perKey.clear();
    this.recorded = [];
    this.abortedRequests = [];
  }
}
