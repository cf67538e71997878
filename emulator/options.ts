/** The emulator's public types: options, fault behaviours and what it records. */

import type { InventedModel } from "./models/catalog.ts";
import type { QuotaOptions } from "./quota/options.ts";
import type { QuotaMode } from "./quota/quota-mode.ts";

export interface EmulatorOptions {
  /** 0 = a random free port (default). */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Valid keys; omitted or empty = any non-empty key is accepted. */
  keys?: string[];
  /**
   * The most models one `models.list` page holds, whatever `pageSize` asks for (as the real API
   * may answer fewer than asked): lets tests force several pages. Default: Gemini's own rule
   * (50 without `pageSize`, at most 1000).
   */
  modelsPageSize?: number;
  /** Delay before the first byte of every answer. */
  latencyMs?: number;
  /** How many pieces a streamed text is split into (default 4). */
  streamChunks?: number;
  /** Pause between stream chunks (default 0). */
  streamIntervalMs?: number;
  /** How long a `background: true` interaction runs before it completes (default 100 ms). */
  interactionBackgroundMs?: number;
  /** Quota mode: projects, per-model limits and Google's quota bodies (emulator/quota/). */
  quota?: QuotaOptions;
  /**
   * Keys grouped into Google Cloud projects: files, caches and upload sessions belong to the
   * project of the key that made them (emulator/resources/). A key in none is its own project;
   * without this option the quota mode's projects apply.
   */
  projects?: EmulatorProject[];
  /** The clock of resource lifetimes (ms since the epoch); default Date.now. */
  now?: () => number;
  /**
   * How long a batch job or a File Search import runs (default 200 ms): a batch is
   * BATCH_STATE_PENDING for the first half, BATCH_STATE_RUNNING for the second, then done
   * (Google's target is 24 hours, ai.google.dev/gemini-api/docs/batch-api).
   */
  jobMs?: number;
  /**
   * Models the table has never seen, for tests of what the gateway learns from refusals (e.g. a
   * `gemini-9.9-flash` that takes only LOW and HIGH): found, listed and ruled by their row.
   */
  extraModels?: InventedModel[];
}

export interface EmulatorProject {
  id: string;
  keys: string[];
}

export type KeyBehavior =
  | { kind: "rate-limit"; retryDelaySeconds?: number }
  | { kind: "unavailable" }
  | { kind: "internal" }
  | { kind: "suspended" }
  | { kind: "cut-stream"; afterChunks: number }
  /** A stream closed properly after N chunks, its finishing chunk never sent (no finishReason). */
  | { kind: "end-stream"; afterChunks: number }
  /** A whole answer's headers and first half are sent, then nothing more (a hung connection). */
  | { kind: "stall-body" }
  | { kind: "error-in-stream"; afterChunks: number };

export interface RecordedRequest {
  method: string;
  /** Path and query string, e.g. `/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse`. */
  path: string;
  key: string | undefined;
  /** The parsed JSON body; the raw text if it is not JSON; undefined without a body. */
  body: unknown;
  /** The answer's status, once it is sent. */
  status?: number;
  /** The key's project (see `projects`), when a key was sent. */
  project?: string;
}

export interface Emulator {
  /** e.g. http://127.0.0.1:41234 */
  url: string;
  close(): Promise<void>;
  setKeyBehavior(key: string, behavior: KeyBehavior | null): void;
  setOptions(patch: Partial<EmulatorOptions>): void;
  /** Requests per key: every request that carried the key, whatever its answer. */
  counts(): Record<string, number>;
  /** The most recent requests (up to 1000), oldest first. */
  requests(): RecordedRequest[];
  /** The recorded requests whose caller closed the connection before the answer was complete. */
  aborted(): RecordedRequest[];
  /** Forgets counts, recorded requests and key behaviours (options stay as they are). */
  reset(): void;
  /** The quota mode, when started with `quota`: its answers and counters. */
  quota: QuotaMode | null;
}

export const DEFAULT_OPTIONS = {
  port: 0,
  host: "127.0.0.1",
  keys: [] as string[],
  modelsPageSize: undefined as number | undefined,
  latencyMs: 0,
  streamChunks: 4,
  streamIntervalMs: 0,
  interactionBackgroundMs: 100,
  projects: undefined as EmulatorProject[] | undefined,
  now: undefined as (() => number) | undefined,
  jobMs: 200,
  extraModels: [] as InventedModel[],
};

export type ResolvedOptions = typeof DEFAULT_OPTIONS;
