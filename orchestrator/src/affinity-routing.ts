import {
  BACKEND_KEYS_VAR,
  LIST_CONTINUE_HEADER,
  LIST_EMPTY_HEADER,
  LIST_NEXT_HEADER,
  LIST_VERIFY_HEADER,
} from "../../common/backend-protocol.ts";
import { PRINT_LENGTH, readTag } from "../../common/resource-tag.ts";
import type { BackendEntry } from "./backends.ts";
import { type ForwardOptions, type ForwardResult, forwardWithFailover } from "./forward.ts";

/**
 * Key affinity in the orchestrator, from what it reads cheaply — the path and the query, never
 * the body. A request naming a tagged resource in its path (`/v1beta/files/{id}`,
 * `/v1beta/cachedContents/{id}`, `/v1beta/interactions/{id}`, an upload URL's `upload_id`, a
 * listing's `pageToken`) goes first
 * to the backend holding that key, from BACKEND_KEYS (prints per binding, written by the deploy
 * tooling next to BACKEND_WEIGHTS). A resource named in a body (`cachedContent`, `fileUri`,
 * `previous_interaction_id`) is
 * (`previous_interaction_id`) is found by the backend that reads the body: when it does not hold the owning key it answers so
 * (OWNER_HEADER) and the request goes on to the backend that does — one extra subrequest, and no
 * body parsing here. Without BACKEND_KEYS (or with a stale one) the backends are asked in turn,
 * so tags keep working while keys move between backends (re-sharding).
 */

export interface KeyOwners {
  /** The backend holding the key with this print. */
  byPrint: ReadonlyMap<string, BackendEntry>;
  /** Backends in binding order with their first key's print: a merged listing's route. */
  order: readonly { entry: BackendEntry; firstPrint: string | null }[];
}

const owners = new WeakMap<object, KeyOwners>();

/** BACKEND_KEYS read once per environment object; an unusable value means no map (asked in turn). */
export function keyOwnersOf(env: Record<string, unknown>, backends: readonly BackendEntry[]) {
  let found = owners.get(env);
  if (!found) {
    found = parseKeyOwners(env[BACKEND_KEYS_VAR], backends);
    owners.set(env, found);
  }
  return found;
}

export function parseKeyOwners(raw: unknown, backends: readonly BackendEntry[]): KeyOwners {
  let parsed: unknown = raw;
  if (typeof raw === "string") {
    try {
      parsed = JSON.parse(raw);
    } catch {
      parsed = null;
    }
  }
  const map =
    typeof parsed === "object" && parsed !== null ? (parsed as Record<string, unknown>) : {};
  const byPrint = new Map<string, BackendEntry>();
  const order = backends.map((entry) => {
    const prints = Array.isArray(map[entry.name])
      ? (map[entry.name] as unknown[]).filter(
          (print): print is string => typeof print === "string" && /^[0-9a-f]{8}$/.test(print),
        )
      : [];
    for (const print of prints) if (!byPrint.has(print)) byPrint.set(print, entry);
    return { entry, firstPrint: prints[0] ?? null };
  });
  return { byPrint, order };
}

const NAMED =
  /^\/(?:upload\/|download\/)?v1(?:beta)?\/(?:files|cachedContents|batches|fileSearchStores|interactions)\/([^/:]+)/;
const LISTING = /^\/v1(?:beta)?\/(?:files|cachedContents|batches|fileSearchStores)$/;

/** The print of the key a request's path or query names, if any. */
export function printInRequest(method: string, url: URL): string | null {
  const named = NAMED.exec(url.pathname);
  if (named?.[1]) return readTag(decodeURIComponent(named[1]))?.print ?? null;
  const uploadId = url.searchParams.get("upload_id");
  if (uploadId && url.pathname.startsWith("/upload/")) return readTag(uploadId)?.print ?? null;
  if (method === "GET" && LISTING.test(url.pathname)) {
    const token = url.searchParams.get("pageToken") ?? "";
    return /^[0-9a-f]{8}/.test(token) ? token.slice(0, PRINT_LENGTH) : null;
  }
  return null;
}

const isListing = (method: string, url: URL) => method === "GET" && LISTING.test(url.pathname);

/** forwardWithFailover with key affinity (see above). */
export async function forwardWithAffinity(
  options: ForwardOptions,
  env: Record<string, unknown>,
  /** The request's URL, already parsed by the caller (one parse per request). */
  url: URL = new URL(options.request.url),
): Promise<ForwardResult> {
  const keyOwners = keyOwnersOf(env, options.backends);
  if (!isListing(options.request.method, url)) {
    const print = printInRequest(options.request.method, url);
    const first = print !== null ? keyOwners.byPrint.get(print) : undefined;
    return forwardWithFailover({
      ...options,
      ...(first && { first }),
      ownerOf: (owner) => keyOwners.byPrint.get(owner),
    });
  }
  let result = await listingPage(options, keyOwners, url, true);
  const verify = result.response.headers.get(LIST_VERIFY_HEADER);
  if (result.response.ok && verify) {
    // The next page lies on the next backend: ask it now, so as never to promise an empty page.
    const probeUrl = new URL(url);
    probeUrl.searchParams.set("pageToken", verify);
    const probe = await listingPage(options, keyOwners, probeUrl, true);
    const empty = probe.response.ok && probe.response.headers.has(LIST_EMPTY_HEADER);
    await probe.response.body?.cancel().catch(() => {});
    if (empty) {
      await result.response.body?.cancel().catch(() => {});
      const attempts = [...result.attempts, ...probe.attempts];
      result = await listingPage(options, keyOwners, url, false);
      result.attempts.unshift(...attempts);
    } else result.attempts.push(...probe.attempts);
  }
  const response = new Response(result.response.body, result.response);
  for (const name of [LIST_CONTINUE_HEADER, LIST_VERIFY_HEADER, LIST_EMPTY_HEADER]) {
    response.headers.delete(name);
  }
  return { ...result, response };
}

/**
 * One page of a merged listing at `url`: to the backend its page token names (the first backend
 * without one), telling each backend where the listing goes on after it (unless `onward` is
 * false: this page is the last), and following empty stretches to the next backend here, so the
 * client never sees an empty page that still has a next one — at most once per backend, so a
 * page costs at most a few subrequests per backend, far under the free plan's 50.
 */
async function listingPage(
  options: ForwardOptions,
  keyOwners: KeyOwners,
  start: URL,
  onward: boolean,
): Promise<ForwardResult> {
  let url = start;
  const attempt = (target: URL) => {
    const print = printInRequest("GET", target);
    const first =
      (print !== null ? keyOwners.byPrint.get(print) : undefined) ?? keyOwners.order[0]?.entry;
    const request = new Request(target, {
      method: "GET",
      headers: options.request.headers,
      signal: options.request.signal,
    });
    return forwardWithFailover({
      ...options,
      request,
      ...(first && { first }),
      ownerOf: (owner) => keyOwners.byPrint.get(owner),
      headersFor: (entry) => (onward ? listNext(keyOwners, entry) : {}),
    });
  };
  let result = await attempt(url);
  for (let hops = 0; hops < options.backends.length; hops++) {
    const token = result.response.headers.get(LIST_CONTINUE_HEADER);
    if (!result.response.ok || !token) break;
    await result.response.body?.cancel().catch(() => {});
    url = new URL(url);
    url.searchParams.set("pageToken", token);
    const attempts = result.attempts;
    result = await attempt(url);
    result.attempts.unshift(...attempts);
  }
  return result;
}

function listNext(keyOwners: KeyOwners, entry: BackendEntry): Record<string, string> {
  const position = keyOwners.order.findIndex((item) => item.entry === entry);
  const following = keyOwners.order.slice(position + 1).find((item) => item.firstPrint !== null);
  return following?.firstPrint ? { [LIST_NEXT_HEADER]: following.firstPrint } : {};
}
