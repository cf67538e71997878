import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type IsolateSession, inspectIsolates } from "../support/heap.ts";
import { MEMORY_SHARDS, PHASES, type Phase, runPhase } from "../support/memory-phases.ts";
import { PASS, startTopology, type Topology } from "../support/topology.ts";
import { STREAMED_KINDS, SURFACE_KINDS } from "../support/traffic.ts";

/**
 * Per-request retention (issue 26): thousands of requests of each kind leave every worker
 * isolate's heap, after a full GC, within a small fixed allowance of where it was once warm.
 * What a request keeps past its end — a listener on a long-lived signal, an entry in an
 * isolate-wide map, a closure holding a body — shows up here as bytes per request times
 * thousands; on Cloudflare (128 MB per isolate) it would reset the isolate and its key health
 * memory every few thousand requests. bench/retention.ts measures the same per phase and surface.
 */
const REQUESTS = 1000;
const WARM_UP = 300;
const CONCURRENCY = 32;
/**
 * Per isolate and group: 1,000 requests keeping 320 bytes each (a listener, a map entry with its
 * key) would exceed it. What a warm isolate still gains (compiled code, inline caches) measured
 * 10-150 KB over 2,000 requests.
 */
const ALLOWANCE_BYTES = 320 * 1024;

const byName = (name: string) => PHASES.find((phase) => phase.name === name) as Phase;
const whole = SURFACE_KINDS.filter((kind) => !STREAMED_KINDS.includes(kind));

/** The four kinds of traffic the check covers, each over every surface it applies to. */
const GROUPS: Phase[] = [
  { name: "whole answers", kinds: whole, expect: "ok" },
  { name: "streamed answers", kinds: STREAMED_KINDS, expect: "ok" },
  byName("failover"),
  {
    ...byName("abort-mid-stream"),
    name: "client aborts (mid-stream and before the answer)",
    kinds: [...byName("abort-mid-stream").kinds, ...byName("abort-before-answer").kinds],
  },
];

function freePort(): Promise<number> {
  return new Promise((done) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

let topology: Topology;
let sessions: Map<string, IsolateSession>;

beforeAll(async () => {
  const inspectorPort = await freePort();
  topology = await startTopology({ shards: MEMORY_SHARDS, inspectorPort });
  sessions = await inspectIsolates(inspectorPort);
}, 120_000);

afterAll(async () => {
  for (const session of sessions?.values() ?? []) session.close();
  await topology?.close();
});

async function heaps(): Promise<Map<string, number>> {
  const result = new Map<string, number>();
  for (const [name, session] of sessions) result.set(name, await session.usedAfterGc());
  return result;
}

/** Runs a group, aborts split between mid-stream and before the answer. */
async function send(group: Phase, count: number, offset: number) {
  if (!group.name.startsWith("client aborts")) {
    return runPhase(group, topology.url, PASS, count, CONCURRENCY, offset);
  }
  const halves = [byName("abort-mid-stream"), byName("abort-before-answer")];
  const runs = [];
  for (const phase of halves) {
    phase.setUp?.(topology.emulator, topology.shards);
    runs.push(await runPhase(phase, topology.url, PASS, count / 2, CONCURRENCY, offset));
    phase.tearDown?.(topology.emulator, topology.shards);
  }
  return {
    outcomes: {
      ok: runs.reduce((sum, run) => sum + run.outcomes.ok, 0),
      "error-status": runs.reduce((sum, run) => sum + run.outcomes["error-status"], 0),
      aborted: runs.reduce((sum, run) => sum + run.outcomes.aborted, 0),
      "connection-error": runs.reduce((sum, run) => sum + run.outcomes["connection-error"], 0),
    },
  };
}

describe(`${REQUESTS} requests leave each isolate's heap (after GC) within ${ALLOWANCE_BYTES / 1024} KB`, () => {
  it("finds Miniflare's entry, the orchestrator and both backends behind the inspector", () => {
    expect([...sessions.keys()].sort()).toEqual(["b0", "b1", "miniflare-entry", "orchestrator"]);
  });

  for (const group of GROUPS) {
    it(`${group.name}: ${group.kinds.join(", ")}`, { timeout: 600_000 }, async () => {
      group.setUp?.(topology.emulator, topology.shards);
      await send(group, WARM_UP, 0);
      // Requests the client gave up on may still be winding down inside the workers.
      await new Promise((done) => setTimeout(done, 1000));
      const before = await heaps();
      const run = await send(group, REQUESTS, 1_000_000);
      await new Promise((done) => setTimeout(done, 1000));
      const after = await heaps();
      group.tearDown?.(topology.emulator, topology.shards);
      const growth = Object.fromEntries(
        [...after].map(([name, bytes]) => [name, bytes - (before.get(name) ?? bytes)]),
      );
      console.log(
        `memory: ${group.name}: heap growth after GC per isolate (bytes): ${JSON.stringify(growth)}; outcomes ${JSON.stringify(run.outcomes)}`,
      );
      expect(run.outcomes[group.expect]).toBeGreaterThanOrEqual(REQUESTS * 0.98);
      expect(run.outcomes["connection-error"]).toBe(0);
      for (const [name, bytes] of Object.entries(growth)) {
        expect({ name, bytes: bytes <= ALLOWANCE_BYTES }).toEqual({ name, bytes: true });
      }
    });
  }
});
