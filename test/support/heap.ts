/**
 * The heaps of workers running in workerd, read over its V8 inspector (Miniflare's
 * `inspectorPort`): one Chrome DevTools Protocol session per worker isolate.
 *
 * Forcing a full GC: workerd never answers `HeapProfiler.collectGarbage` (V8 runs it as a
 * platform task that workerd's inspector does not pump), so `gc()` sends it and then takes a heap
 * snapshot, which V8 always precedes with a full, precise collection; `Runtime.getHeapUsage`
 * after it is the live heap. Objects that workerd frees from a GC's weak callbacks (the wrappers
 * of Requests, Responses, signals) go only in the next collection, so `usedAfterGc` collects
 * until the heap stops shrinking. With an inspector attached, V8 also keeps the last 1,000
 * console messages and their arguments (its console message storage; the request log lines):
 * `usedAfterGc` discards them first, so what is measured is what the workers keep.
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
  /** Full GC and a heap snapshot (V8's JSON format); console messages are discarded first. */
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
      await send("Runtime.discardConsoleEntries");
      let used = Number.POSITIVE_INFINITY;
      for (let collection = 0; collection < 4; collection++) {
        await takeSnapshot();
        const { usedSize } = await send<HeapUsage>("Runtime.getHeapUsage");
        const settled = used - usedSize < 16 * 1024;
        used = Math.min(used, usedSize);
        if (settled) break;
      }
      return used;
    },
    async snapshot() {
      await send("Runtime.discardConsoleEntries");
      await takeSnapshot();
      return JSON.parse(await takeSnapshot()) as HeapSnapshot;
    },
    close: () => socket.close(),
  };
}

/**
 * Sessions with every user worker's isolate behind `inspectorPort`, keyed by worker name, and
 * with Miniflare's entry worker (which fronts a Miniflare's `port`) as `miniflare-entry`.
 */
export async function inspectIsolates(
  inspectorPort: number,
  host = "127.0.0.1",
): Promise<Map<string, IsolateSession>> {
  const response = await fetch(`http://${host}:${inspectorPort}/json/list`);
  const targets = (await response.json()) as { id: string; webSocketDebuggerUrl: string }[];
  const sessions = new Map<string, IsolateSession>();
  for (const target of targets) {
    const name =
      target.id === "core:entry" ? "miniflare-entry" : /^core:user:(.+)$/.exec(target.id)?.[1];
    if (!name) continue;
    sessions.set(name, await openSession(name, target.webSocketDebuggerUrl));
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

interface FullSnapshot extends HeapSnapshot {
  snapshot: HeapSnapshot["snapshot"] & {
    meta: HeapSnapshot["snapshot"]["meta"] & {
      edge_fields: string[];
      edge_types: [string[], ...unknown[]];
    };
  };
  edges: number[];
}

/**
 * The objects of `after` that `before` did not have (V8 keeps node ids across snapshots of one
 * session), grouped as in summarizeSnapshot, each group with the shortest retaining path from the
 * GC roots of one of its objects: what keeps them alive.
 */
export function newObjectsWithRetainers(
  before: HeapSnapshot,
  after: HeapSnapshot,
  limit = 8,
): { group: string; count: number; bytes: number; path: string }[] {
  const full = after as FullSnapshot;
  const meta = full.snapshot.meta;
  const width = meta.node_fields.length;
  const idAt = meta.node_fields.indexOf("id");
  const typeAt = meta.node_fields.indexOf("type");
  const nameAt = meta.node_fields.indexOf("name");
  const sizeAt = meta.node_fields.indexOf("self_size");
  const edgeCountAt = meta.node_fields.indexOf("edge_count");
  const edgeWidth = meta.edge_fields.length;
  const edgeTypeAt = meta.edge_fields.indexOf("type");
  const edgeNameAt = meta.edge_fields.indexOf("name_or_index");
  const edgeToAt = meta.edge_fields.indexOf("to_node");
  const nodeTypes = meta.node_types[0];
  const edgeTypes = meta.edge_types[0];
  const oldIds = new Set<number>();
  const beforeWidth = before.snapshot.meta.node_fields.length;
  const beforeIdAt = before.snapshot.meta.node_fields.indexOf("id");
  for (let at = 0; at < before.nodes.length; at += beforeWidth) {
    oldIds.add(before.nodes[at + beforeIdAt] ?? -1);
  }
  const count = full.nodes.length / width;
  const firstEdge = new Uint32Array(count + 1);
  for (let index = 0; index < count; index++) {
    firstEdge[index + 1] =
      (firstEdge[index] ?? 0) + (full.nodes[index * width + edgeCountAt] ?? 0) * edgeWidth;
  }
  // Breadth-first from the root, skipping weak edges: the first parent found is on a shortest path.
  const parent = new Int32Array(count).fill(-1);
  const parentEdge = new Int32Array(count).fill(-1);
  parent[0] = 0;
  const queue = [0];
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head] as number;
    for (let edge = firstEdge[node] ?? 0; edge < (firstEdge[node + 1] ?? 0); edge += edgeWidth) {
      if (edgeTypes[full.edges[edge + edgeTypeAt] ?? 0] === "weak") continue;
      const to = (full.edges[edge + edgeToAt] ?? 0) / width;
      if (parent[to] !== -1) continue;
      parent[to] = node;
      parentEdge[to] = edge;
      queue.push(to);
    }
  }
  const nameOf = (node: number) => {
    const type = nodeTypes[full.nodes[node * width + typeAt] ?? 0] ?? "?";
    const name = full.strings[full.nodes[node * width + nameAt] ?? 0] ?? "?";
    return `${type}:${name.slice(0, 40)}`;
  };
  const edgeLabel = (edge: number) => {
    const type = edgeTypes[full.edges[edge + edgeTypeAt] ?? 0];
    const raw = full.edges[edge + edgeNameAt] ?? 0;
    return type === "element" || type === "hidden" ? `[${raw}]` : (full.strings[raw] ?? "?");
  };
  const groups = new Map<string, { count: number; bytes: number; sample: number }>();
  for (let node = 0; node < count; node++) {
    if (oldIds.has(full.nodes[node * width + idAt] ?? -1) || parent[node] === -1) continue;
    const type = nodeTypes[full.nodes[node * width + typeAt] ?? 0] ?? "?";
    const named = type === "object" || type === "closure" || type === "native";
    const name = named ? (full.strings[full.nodes[node * width + nameAt] ?? 0] ?? "?") : "";
    const group = `${type}${named ? ` ${name.slice(0, 60)}` : ""}`;
    const entry = groups.get(group) ?? { count: 0, bytes: 0, sample: node };
    entry.count++;
    entry.bytes += full.nodes[node * width + sizeAt] ?? 0;
    groups.set(group, entry);
  }
  return [...groups]
    .sort((a, b) => b[1].bytes - a[1].bytes)
    .slice(0, limit)
    .map(([group, entry]) => {
      const steps: string[] = [];
      for (let node = entry.sample; node !== 0 && steps.length < 14; node = parent[node] ?? 0) {
        steps.unshift(`${edgeLabel(parentEdge[node] ?? 0)}→${nameOf(node)}`);
      }
      return { group, count: entry.count, bytes: entry.bytes, path: steps.join(" ") };
    });
}
