/** How much the benchmark measures: the full run (~5 min on 2 cores) and --quick (~1 min). */
import type { RoundsPlan } from "./load.ts";

export interface Plan {
  name: "full" | "quick";
  /** Sequential rounds at concurrency 1 for chat and embeddings… */
  rounds: RoundsPlan;
  /** …and for streams, which take ~1.3 s each (64 chunks 20 ms apart). */
  streamRounds: RoundsPlan;
  concurrencies: number[];
  /** Duration of each autocannon step (one path, one workload, one concurrency)… */
  loadSeconds: number;
  /** …and for streams, long enough for a few whole streams per connection. */
  streamLoadSeconds: number;
  /**
   * The emulator: delay before the first byte, the most pieces a stream is cut into (the stream
   * workloads set their length with max_tokens) and pacing.
   */
  upstream: { latencyMs: number; streamChunks: number; streamIntervalMs: number };
}

export const FULL_PLAN: Plan = {
  name: "full",
  rounds: { warmup: 10, rounds: 8, perRound: 12 },
  streamRounds: { warmup: 1, rounds: 5, perRound: 2 },
  concurrencies: [1, 16, 64],
  loadSeconds: 3,
  streamLoadSeconds: 5,
  upstream: { latencyMs: 50, streamChunks: 256, streamIntervalMs: 20 },
};

export const QUICK_PLAN: Plan = {
  name: "quick",
  rounds: { warmup: 3, rounds: 3, perRound: 4 },
  streamRounds: { warmup: 0, rounds: 1, perRound: 1 },
  concurrencies: [1, 16, 64],
  loadSeconds: 0.6,
  streamLoadSeconds: 0.8,
  // A smoke run: streams paced 5 ms apart (~0.4 s each) so every step sees whole streams.
  upstream: { latencyMs: 50, streamChunks: 256, streamIntervalMs: 5 },
};
