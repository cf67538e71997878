/**
 * The traffic phases of the memory check (test/integration/memory.test.ts) and of
 * `bench/retention.ts`: every surface whole and streamed, failed over (keys and a whole backend
 * failing), and abandoned by the client (mid-stream, and before the answer). Each phase sets up the
 * emulator for itself and puts it back afterwards.
 */
import type { Emulator } from "../../emulator/server.ts";
import { runBounded } from "./topology.ts";
import { type Outcome, SURFACE_KINDS, type SurfaceKind, sendRequest } from "./traffic.ts";

export interface Phase {
  name: string;
  /** The kinds sent, in turn. */
  kinds: readonly SurfaceKind[];
  /** What each request is expected to end as. */
  expect: Outcome;
  abortAfterFirstBytes?: boolean;
  abortAfterMs?: number;
  setUp?(emulator: Emulator, shards: string[][]): void;
  tearDown?(emulator: Emulator, shards: string[][]): void;
}

/** Two backends of two keys each: enough for a key to fail over inside a backend and across. */
export const MEMORY_SHARDS = [
  ["memory-key-b0-1", "memory-key-b0-2"],
  ["memory-key-b1-1", "memory-key-b1-2"],
];

const clearBehaviours = (emulator: Emulator, shards: string[][]) => {
  for (const key of shards.flat()) emulator.setKeyBehavior(key, null);
};

export const PHASES: readonly Phase[] = [
  ...SURFACE_KINDS.map((kind): Phase => ({ name: kind, kinds: [kind], expect: "ok" })),
  {
    // Backend 1 fails on both keys (the orchestrator tries backend 0), backend 0's first key
    // fails (the pool tries its second): failover at both levels, on whole and streamed answers.
    // 500s park nothing, so every request meets them again.
    name: "failover",
    kinds: ["chat", "chat-stream", "messages", "responses-stream", "native"],
    expect: "ok",
    setUp(emulator, shards) {
      for (const key of shards[1] ?? []) emulator.setKeyBehavior(key, { kind: "internal" });
      emulator.setKeyBehavior(shards[0]?.[0] ?? "", { kind: "internal" });
    },
    tearDown: clearBehaviours,
  },
  {
    name: "abort-mid-stream",
    kinds: ["chat-stream", "messages-stream", "responses-stream", "native-stream"],
    expect: "aborted",
    abortAfterFirstBytes: true,
    setUp: (emulator) => emulator.setOptions({ streamChunks: 16, streamIntervalMs: 20 }),
    tearDown: (emulator) => emulator.setOptions({ streamChunks: 4, streamIntervalMs: 0 }),
  },
  {
    name: "abort-before-answer",
    kinds: ["chat", "messages", "responses", "native", "chat-stream"],
    expect: "aborted",
    abortAfterMs: 30,
    setUp: (emulator) => emulator.setOptions({ latencyMs: 300 }),
    tearDown: (emulator) => emulator.setOptions({ latencyMs: 0 }),
  },
];

export interface PhaseRun {
  outcomes: Record<Outcome, number>;
}

/** Sends `count` requests of the phase, `concurrency` at a time, counting how each ended. */
export async function runPhase(
  phase: Phase,
  base: string,
  pass: string,
  count: number,
  concurrency: number,
  offset = 0,
): Promise<PhaseRun> {
  const outcomes: Record<Outcome, number> = {
    ok: 0,
    "error-status": 0,
    aborted: 0,
    "connection-error": 0,
  };
  await runBounded(count, concurrency, async (index) => {
    const kind = phase.kinds[index % phase.kinds.length] as SurfaceKind;
    const outcome = await sendRequest(base, kind, pass, offset + index, {
      ...(phase.abortAfterFirstBytes && { abortAfterFirstBytes: true }),
      ...(phase.abortAfterMs !== undefined && { abortAfterMs: phase.abortAfterMs }),
    });
    outcomes[outcome]++;
  });
  return { outcomes };
}
