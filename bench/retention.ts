/**
 * `node bench/retention.ts [--count 2000] [--concurrency 16] [--phases chat,failover]
 * [--snapshots]`: what each worker isolate keeps per request. The topology (orchestrator + two
 * backends) runs in workerd with its inspector open; for each traffic phase (every surface whole
 * and streamed, failover, client aborts) it warms up, forces a full GC and reads each isolate's
 * heap, sends `count` requests, and reads it again: the growth per request, per isolate.
 * `--snapshots` also prints which kinds of objects grew (heap snapshot diff), to find the holder.
 */
import { createServer } from "node:net";
import { parseArgs } from "node:util";
import {
  type HeapSnapshot,
  inspectIsolates,
  newObjectsWithRetainers,
} from "../test/support/heap.ts";
import { MEMORY_SHARDS, PHASES, runPhase } from "../test/support/memory-phases.ts";
import { PASS, startTopology } from "../test/support/topology.ts";

function freePort(): Promise<number> {
  return new Promise((done) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

async function main() {
  const { values } = parseArgs({
    options: {
      count: { type: "string", default: "2000" },
      concurrency: { type: "string", default: "16" },
      phases: { type: "string" },
      snapshots: { type: "boolean", default: false },
    },
  });
  const count = Number(values.count);
  const concurrency = Number(values.concurrency);
  const chosen = values.phases?.split(",");
  const phases = PHASES.filter((phase) => !chosen || chosen.includes(phase.name));
  const inspectorPort = await freePort();
  const topology = await startTopology({ shards: MEMORY_SHARDS, inspectorPort });
  const sessions = await inspectIsolates(inspectorPort);
  try {
    const names = [...sessions.keys()];
    console.log(
      `${count} requests per phase, ${concurrency} at a time; heap growth after a full GC, per isolate (per request)`,
    );
    console.log(
      `${"phase".padEnd(22)} ${names.map((name) => name.padStart(22)).join("")}  outcomes`,
    );
    for (const phase of phases) {
      phase.setUp?.(topology.emulator, topology.shards);
      await runPhase(phase, topology.url, PASS, Math.min(300, count), concurrency);
      const before = new Map<string, number>();
      const snapshots = new Map<string, HeapSnapshot>();
      for (const [name, session] of sessions) {
        if (values.snapshots) snapshots.set(name, await session.snapshot());
        before.set(name, await session.usedAfterGc());
      }
      const run = await runPhase(phase, topology.url, PASS, count, concurrency, 1_000_000);
      // Requests the client gave up on may still be winding down inside the workers.
      await new Promise((done) => setTimeout(done, 1000));
      phase.tearDown?.(topology.emulator, topology.shards);
      const cells: string[] = [];
      const growths: string[] = [];
      for (const [name, session] of sessions) {
        const after = await session.usedAfterGc();
        const grown = after - (before.get(name) ?? after);
        cells.push(`${kb(grown)} (${Math.round(grown / count)} B)`.padStart(22));
        const snapshotBefore = snapshots.get(name);
        if (snapshotBefore) {
          const grown = newObjectsWithRetainers(snapshotBefore, await session.snapshot(), 6);
          growths.push(
            `  ${name}:\n${grown.map((entry) => `    +${entry.count} ${entry.group} (${kb(entry.bytes)}): ${entry.path}`).join("\n")}`,
          );
        }
      }
      const outcomes = Object.entries(run.outcomes)
        .filter(([, value]) => value > 0)
        .map(([outcome, value]) => `${outcome} ${value}`)
        .join(", ");
      console.log(`${phase.name.padEnd(22)} ${cells.join("")}  ${outcomes}`);
      for (const line of growths) console.log(line);
    }
  } finally {
    for (const session of sessions.values()) session.close();
    await topology.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
