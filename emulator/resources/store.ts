import { createHash, randomBytes } from "node:crypto";

/**
 * What the emulator's projects hold: files, cached contents and upload sessions, in memory, each
 * in the project of the key that made it and gone after its lifetime (Google's: files 48 hours —
 * ai.google.dev/gemini-api/docs/files; a cache 1 hour unless `ttl`/`expireTime` says otherwise —
 * ai.google.dev/gemini-api/docs/caching; upload sessions: the emulator's choice, 24 hours).
 */
export const FILE_LIFETIME_MS = 48 * 3600_000;
export const CACHE_DEFAULT_TTL_MS = 3600_000;
export const UPLOAD_SESSION_LIFETIME_MS = 24 * 3600_000;

export interface StoredFile {
  project: string;
  bytes: Buffer;
  resource: Record<string, unknown>;
  createdAt: number;
  expiresAt: number;
}

export interface StoredCache {
  project: string;
  resource: Record<string, unknown>;
  /** Tokens the cache holds, reported as `cachedContentTokenCount` when it is used. */
  tokens: number;
  createdAt: number;
  expiresAt: number;
}

export interface UploadSession {
  project: string;
  declaredSize: number;
  mimeType: string;
  metadata: Record<string, unknown>;
  chunks: Buffer[];
  received: number;
  expiresAt: number;
  /** Set for an upload into a File Search store (`:uploadToFileSearchStore`): its id. */
  storeId?: string;
}

/** Google's generated ids: 12 lowercase letters and digits for a file, 40 for a cache. */
export function newId(length: number): string {
  const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
  return Array.from(randomBytes(length), (byte) => alphabet[byte % alphabet.length]).join("");
}

export const sha256Base64 = (bytes: Buffer) =>
  Buffer.from(createHash("sha256").update(bytes).digest("hex")).toString("base64");

/**
 * A batch job: its long-running operation as Google answers it, and when it ends. Its results are
 * made when it is first read after `doneAt` (emulator/routes/batches.ts).
 */
export interface StoredBatch {
  project: string;
  operation: Record<string, unknown>;
  /** Works the batch out once it is done: sets the operation's output, done, stats. */
  finish: (() => void) | null;
  createdAt: number;
  runningAt: number;
  doneAt: number;
  expiresAt: number;
}

/** A File Search store, its documents by id, and their operations (emulator/routes/file-search-stores.ts). */
export interface StoredStore {
  project: string;
  resource: Record<string, unknown>;
  documents: Map<string, { resource: Record<string, unknown>; text: string; readyAt: number }>;
  operations: Map<
    string,
    { operation: Record<string, unknown>; doneAt: number; response: Record<string, unknown> }
  >;
  createdAt: number;
  expiresAt: number;
}

export class ResourceStore {
  readonly files = new Map<string, StoredFile>();
  readonly caches = new Map<string, StoredCache>();
  readonly uploads = new Map<string, UploadSession>();
  readonly batches = new Map<string, StoredBatch>();
  readonly stores = new Map<string, StoredStore>();

  /** The live entry of `id` in `map` (an expired one is removed), whatever its project. */
  live<T extends { expiresAt: number }>(map: Map<string, T>, id: string, now: number): T | null {
    const entry = map.get(id);
    if (!entry) return null;
    if (entry.expiresAt <= now) {
      map.delete(id);
      return null;
    }
    return entry;
  }

  /** The live entries of one project, newest first. */
  listOf<T extends { project: string; expiresAt: number; createdAt: number }>(
    map: Map<string, T>,
    project: string,
    now: number,
  ): T[] {
    const found: T[] = [];
    for (const [id, entry] of map) {
      if (entry.expiresAt <= now) map.delete(id);
      else if (entry.project === project) found.push(entry);
    }
    return found.sort((a, b) => b.createdAt - a.createdAt);
  }

  clear() {
    this.files.clear();
    this.caches.clear();
    this.uploads.clear();
    this.batches.clear();
    this.stores.clear();
  }
}
