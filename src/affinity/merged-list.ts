import { ApiError, badRequest } from "../../common/api-error.ts";
import { FAILOVER_HEADER, OWNER_HEADER } from "../../common/backend-protocol.ts";
import { PRINT_LENGTH } from "../../common/resource-tag.ts";
import { LIST_FIELD, type ResourceCollection, resourcePath } from "../gemini/resource-path.ts";
import type { GeminiPool } from "../pool/gemini-pool.ts";
import { keyPrints } from "./key-prints.ts";
import { tagResource } from "./tag-resources.ts";

/**
 * Upstream list calls one merged page may spend on this backend: one per key at most (a backend
 * holds ≤ 8), so a page costs ≤ 8 subrequests here and ≤ 1 + BACKENDS in the orchestrator — far
 * under the free plan's 50 per request.
 */
export const MAX_LIST_CALLS_PER_PAGE = 8;

/** Where a merged listing stands: the key it is at, Google's page token there, projects seen. */
interface ListPosition {
  print: string;
  upstreamToken?: string;
  /** A short hash of the first resource each listed project showed: keys of one project list once. */
  seen: string[];
}

const MAX_TOKEN_LENGTH = 4096;

/** A page token: the key's print (the orchestrator routes by it), then base64url JSON of the rest. */
export function encodeListToken(position: ListPosition): string {
  const rest = JSON.stringify({ t: position.upstreamToken, s: position.seen });
  const base64 = btoa(String.fromCharCode(...new TextEncoder().encode(rest)));
  return position.print + base64.replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

export function decodeListToken(token: string): ListPosition {
  const invalid = () => badRequest("pageToken", "pageToken is not one the gateway handed out.");
  if (token.length > MAX_TOKEN_LENGTH || !/^[0-9a-f]{8}[A-Za-z0-9_-]*$/.test(token)) {
    throw invalid();
  }
  try {
    const base64 = token.slice(PRINT_LENGTH).replaceAll("-", "+").replaceAll("_", "/");
    const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
    const rest = JSON.parse(new TextDecoder().decode(bytes)) as { t?: unknown; s?: unknown };
    const seen = Array.isArray(rest.s) ? rest.s.filter((hash) => typeof hash === "string") : [];
    return {
      print: token.slice(0, PRINT_LENGTH),
      ...(typeof rest.t === "string" && rest.t !== "" && { upstreamToken: rest.t }),
      seen: seen.slice(0, 200),
    };
  } catch {
    throw invalid();
  }
}

function shortHash(text: string): string {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, "0");
}

export interface MergedPage {
  /** `{ files: [...], nextPageToken }` (batches: `operations`), names tagged; `{}` when nothing is left (as Gemini). */
  body: Record<string, unknown>;
  /** Nothing more here: the orchestrator goes on with this token on the next backend. */
  continueWith?: string;
  /** The next page is on the next backend, which may hold nothing: the orchestrator checks. */
  verify?: string;
}

/**
 * One page of a listing merged over the pool's keys, key after key in order (this backend's,
 * then — through the orchestrator — the next backend's, whose first key's print `nextBackend`
 * names). Each resource's name is tagged with the key that listed it. A key whose first page
 * shows a resource an earlier key listed belongs to a project already listed and is skipped
 * (keys of one project see the same resources). A key that fails (rate-limited, rejected) is
 * skipped: what only it can see is missing from this listing. A page never promises a next page
 * that is empty: the keys after it on this backend are asked first, and a next page on the next
 * backend is marked for the orchestrator to check (`verify`).
 */
export async function listAcrossKeys(
  pool: GeminiPool,
  collection: ResourceCollection,
  query: { pageSize?: string; pageToken?: string },
  nextBackend: string | null,
): Promise<MergedPage> {
  const prints = await keyPrints(pool.keys);
  const position = query.pageToken ? decodeListToken(query.pageToken) : null;
  let index = 0;
  if (position) {
    const key = prints.byPrint.get(position.print);
    if (!key) {
      throw new ApiError(404, "This listing's page token names a key of another backend.", {
        headers: { [OWNER_HEADER]: position.print, [FAILOVER_HEADER]: "another-backend" },
      });
    }
    index = pool.keys.indexOf(key);
  }
  const seen = position?.seen ?? [];
  let upstreamToken = position?.upstreamToken;
  let calls = 0;
  /** The first key from `from` on whose first page something new shows, or -1. */
  const nextKeyWithNews = async (from: number): Promise<number> => {
    for (let next = from; next < pool.keys.length && calls < MAX_LIST_CALLS_PER_PAGE; next++) {
      const key = pool.keys[next];
      if (!key) break;
      calls++;
      const page = await listOnce(pool, key, collection, query.pageSize, undefined);
      if (
        page &&
        page.items.length > 0 &&
        !page.items.some((item) => seen.includes(shortHash(nameOf(item))))
      ) {
        return next;
      }
    }
    return -1;
  };
  while (calls < MAX_LIST_CALLS_PER_PAGE && index < pool.keys.length) {
    const key = pool.keys[index];
    if (!key) break;
    const print = prints.printOf(key);
    calls++;
    const page = await listOnce(pool, key, collection, query.pageSize, upstreamToken);
    const items = page?.items ?? [];
    const firstPage = upstreamToken === undefined;
    const sameProject = firstPage && items.some((item) => seen.includes(shortHash(nameOf(item))));
    if (page && !sameProject && items.length > 0) {
      if (firstPage) seen.push(shortHash(nameOf(items[0])));
      for (const item of items) tagResource(collection, item, print);
      const body: Record<string, unknown> = { [LIST_FIELD[collection]]: items };
      if (page.nextPageToken) {
        body.nextPageToken = encodeListToken({ print, upstreamToken: page.nextPageToken, seen });
        return { body };
      }
      const following = await nextKeyWithNews(index + 1);
      const followingKey = following === -1 ? undefined : pool.keys[following];
      if (followingKey) {
        body.nextPageToken = encodeListToken({ print: prints.printOf(followingKey), seen });
        return { body };
      }
      if (!nextBackend) return { body };
      body.nextPageToken = encodeListToken({ print: nextBackend, seen });
      return { body, verify: body.nextPageToken as string };
    }
    if (page?.nextPageToken && !sameProject) {
      upstreamToken = page.nextPageToken;
      continue;
    }
    index++;
    upstreamToken = undefined;
  }
  const stoppedAt = pool.keys[index];
  if (stoppedAt) {
    // The call budget ran out on this backend: go on here in the orchestrator's next call.
    const print = prints.printOf(stoppedAt);
    return { body: {}, continueWith: encodeListToken({ print, upstreamToken, seen }) };
  }
  return {
    body: {},
    ...(nextBackend && { continueWith: encodeListToken({ print: nextBackend, seen }) }),
  };
}

const nameOf = (item: unknown) =>
  typeof item === "object" && item !== null && typeof (item as { name?: unknown }).name === "string"
    ? (item as { name: string }).name
    : "";

async function listOnce(
  pool: GeminiPool,
  key: Parameters<GeminiPool["pinnedTo"]>[0],
  collection: ResourceCollection,
  pageSize: string | undefined,
  pageToken: string | undefined,
): Promise<{ items: unknown[]; nextPageToken?: string } | null> {
  const query: Record<string, string> = {};
  if (pageSize !== undefined) query.pageSize = pageSize;
  if (pageToken !== undefined) query.pageToken = pageToken;
  try {
    const answer = await pool.pinnedTo(key).bytes({
      kind: "resource",
      method: "GET",
      path: resourcePath(collection),
      query,
    });
    const body = JSON.parse(new TextDecoder().decode(answer.bytes)) as Record<string, unknown>;
    const listed = body[LIST_FIELD[collection]];
    const items = Array.isArray(listed) ? (listed as unknown[]) : [];
    const token = typeof body.nextPageToken === "string" ? body.nextPageToken : undefined;
    return { items, ...(token && { nextPageToken: token }) };
  } catch (error) {
    if (error instanceof ApiError || error instanceof SyntaxError) return null;
    throw error;
  }
}
