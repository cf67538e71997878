/**
 * The heaps of workers running in workerd, read over its V8 inspector (Miniflare's
 * `inspectorPort`): one Chrome DevTools Protocol session per worker isolate.
 *
 * Forcing a full GC: workerd never answers `HeapProfiler.collectGarbage` (V8 runs it as a
 * platform task that workerd's inspector does not pump), so `gc()` sends it and then takes a heap
 * snapshot, which V8 always precedes with a full, precise collection; `Runtime.getHeapUsage`
 * after it is the live heap. The snapshot itself can be kept for a diff (`summarizeSnapshot`).
 */

export interface HeapUsage {
  /** Bytes of live JavaScript objects (V8's used heap). */
  usedSize: number;
  totalSize: number;
}

export interface IsolateSession {
  /** The worker's name (the inspector target `core:user:<name>`). */
  name: string;
  /** The heap as it is (no GC): live objects and garbage not yet collected. */
  usage(): Promise<HeapUsage>;
  /** Full GC, then the heap in use. */
  usedAfterGc(): Promise<number>;
  /** Full GC and a heap snapshot (V8's JSON format). */
  snapshot(): Promise<HeapSnapshot>;
  close(): void;
}

interface Pending {
  resolve(result: unknown): void;
  reject(error: Error): void;
}

/** Each call's answer within this long, or it fails (a stuck inspector must not hang a test). */
const CALL_TIMEOUT_MS = 60_000;

async function openSession(name: string, url: string): Promise<IsolateSession> {
  const socket = new WebSocket(url);
  await new Promise((opened, failed) => {
    socket.onopen = opened;
    socket.onerror = () => failed(new Error(`inspector of ${name}: cannot connect`));
  });
  let next = 0;
  const pending = new Map<number, Pending>();
  let chunks: string[] = [];
  socket.onmessage = (event) => {
    const message = JSON.parse(String(event.data)) as {
      id?: number;
      method?: string;
      params?: { chunk?: string };
      result?: unknown;
      error?: { message: string };
    };
    if (message.method === "HeapProfiler.addHeapSnapshotChunk") {
      chunks.push(message.params?.chunk ?? "");
      return;
    }
    if (message.id === undefined) return;
    const call = pending.get(message.id);
    pending.delete(message.id);
    if (message.error) call?.reject(new Error(`${name}: ${message.error.message}`));
    // workerd answers takeHeapSnapshot by echoing the call once every chunk is sent.
    else call?.resolve(message.result ?? {});
  };
  const send = <T>(method: string, params: object = {}) =>
    new Promise<T>((resolve, reject) => {
      const id = ++next;
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error(`${name}: no answer to ${method} within ${CALL_TIMEOUT_MS / 1000} s`));
      }, CALL_TIMEOUT_MS);
      pending.set(id, {
        resolve: (result) => {
          clearTimeout(timer);
          resolve(result as T);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
      socket.send(JSON.stringify({ id, method, params }));
    });
  const takeSnapshot = async (): Promise<string> => {
    chunks = [];
    // Unanswered by workerd (see above), so not awaited; the snapshot does the collection.
    socket.send(JSON.stringify({ id: ++next, method: "HeapProfiler.collectGarbage" }));
    await send("HeapProfiler.takeHeapSnapshot", { reportProgress: false });
    const text = chunks.join("");
    chunks = [];
    return text;
  };
  return {
    name,
    usage: () => send<HeapUsage>("Runtime.getHeapUsage"),
    async usedAfterGc() {
      await takeSnapshot();
      const usage = await send<HeapUsage>("Runtime.getHeapUsage");
      return usage.usedSize;
    },
    async snapshot() {
      return JSON.parse(await takeSnapshot()) as HeapSnapshot;
    },
    close: () => socket.close(),
  };
}

/** Sessions with every user worker's isolate behind `inspectorPort`, keyed by worker name. */
export async function inspectIsolates(
  inspectorPort: number,
  host = "127.0.0.1",
): Promise<Map<string, IsolateSession>> {
  const response = await fetch(`http://${host}:${inspectorPort}/json/list`);
  const targets = (await response.json()) as { id: string; webSocketDebuggerUrl: string }[];
  const sessions = new Map<string, IsolateSession>();
  for (const target of targets) {
    const match = /^core:user:(.+)$/.exec(target.id);
    if (!match?.[1]) continue;
    sessions.set(match[1], await openSession(match[1], target.webSocketDebuggerUrl));
  }
  return sessions;
}

/** V8's heap snapshot format (the parts read here). */
export interface HeapSnapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
}

/** Live objects grouped by type and constructor name: how many, and their own bytes. */
export type SnapshotSummary = Map<string, { count: number; bytes: number }>;

export function summarizeSnapshot(snapshot: HeapSnapshot): SnapshotSummary {
  const fields = snapshot.snapshot.meta.node_fields;
  const types = snapshot.snapshot.meta.node_types[0];
  const width = fields.length;
  const typeAt = fields.indexOf("type");
  const nameAt = fields.indexOf("name");
  const sizeAt = fields.indexOf("self_size");
  const summary: SnapshotSummary = new Map();
  for (let at = 0; at < snapshot.nodes.length; at += width) {
    const type = types[snapshot.nodes[at + typeAt] ?? 0] ?? "?";
    // Strings, numbers and code are grouped by type; objects and closures by name.
    const named = type === "object" || type === "closure" || type === "native";
    const name = named ? (snapshot.strings[snapshot.nodes[at + nameAt] ?? 0] ?? "?") : "";
    const group = `${type}${named ? ` ${name.slice(0, 60)}` : ""}`;
    const entry = summary.get(group) ?? { count: 0, bytes: 0 };
    entry.count++;
    entry.bytes += snapshot.nodes[at + sizeAt] ?? 0;
    summary.set(group, entry);
  }
  return summary;
}

/** The groups that grew the most from `before` to `after`, largest growth in bytes first. */
export function snapshotGrowth(
  before: SnapshotSummary,
  after: SnapshotSummary,
  limit = 15,
): { group: string; count: number; bytes: number }[] {
  const growth: { group: string; count: number; bytes: number }[] = [];
  for (const [group, entry] of after) {
    const previous = before.get(group) ?? { count: 0, bytes: 0 };
    const bytes = entry.bytes - previous.bytes;
    if (bytes > 0) growth.push({ group, count: entry.count - previous.count, bytes });
  }
  return growth.sort((a, b) => b.bytes - a.bytes).slice(0, limit);
}
