import { countPromptTokens, countWords } from "../behaviour/tokens.ts";
import { cacheNotVisible, invalidArgument, modelNotFound } from "../errors.ts";
import { sendJson } from "../http-io.ts";
import { findModel, supports } from "../models/catalog.ts";
import { CACHE_DEFAULT_TTL_MS, newId, type StoredCache } from "../resources/store.ts";
import type { Content } from "../validate/request-shapes.ts";
import { visibleFile } from "./files.ts";
import { pageOf } from "./page-token.ts";
import { jsonBody, type RouteContext } from "./route-context.ts";

/**
 * The least a cache may hold: "Cached content is too small. total_token_count=16,
 * min_total_token_count=1024" (a third party's recorded probe of 2026-09-07; 1,024 tokens is also
 * the documented minimum of the Flash models, ai.google.dev/gemini-api/docs/caching). The
 * emulator counts a token per word (behaviour/tokens.ts).
 */
export const MIN_CACHE_TOKENS = 1024;

const iso = (time: number) => new Date(time).toISOString();

/** A Duration in proto JSON (`"300s"`, `"1.5s"`), in milliseconds. */
function durationMs(value: unknown): number {
  const match = typeof value === "string" ? /^(\d+(?:\.\d{1,9})?)s$/.exec(value) : null;
  if (!match)
    throw invalidArgument(
      `Invalid value at 'cached_content.ttl' (type.googleapis.com/google.protobuf.Duration), "${String(value)}"`,
    );
  return Number(match[1]) * 1000;
}

function expiryOf(body: Record<string, unknown>, now: number, fallback: number): number {
  if (body.ttl !== undefined) return now + durationMs(body.ttl);
  if (typeof body.expireTime === "string") {
    const time = Date.parse(body.expireTime);
    if (Number.isNaN(time))
      throw invalidArgument(
        `Invalid value at 'cached_content.expire_time' (type.googleapis.com/google.protobuf.Timestamp), "${body.expireTime}"`,
      );
    return time;
  }
  return fallback;
}

/** The project's live cache `name` (`cachedContents/{id}`); any other is Google's 403. */
export function visibleCache(context: RouteContext, name: string): StoredCache {
  const id = name.replace(/^cachedContents\//, "");
  const { store } = context.state;
  const cache = store.live(store.caches, id, context.state.now());
  if (!cache || cache.project !== context.project) throw cacheNotVisible();
  return cache;
}

/** Every Gemini file a request's contents use must be one of the key's project. */
export function checkFilesVisible(context: RouteContext, contents: unknown) {
  const visit = (value: unknown, depth: number) => {
    if (depth > 100 || typeof value !== "object" || value === null) return;
    for (const [field, child] of Object.entries(value)) {
      if (field === "fileUri" && typeof child === "string") {
        const id = /\/files\/([a-z0-9-]+)/.exec(child)?.[1];
        if (id) visibleFile(context, id);
      } else visit(child, depth + 1);
    }
  };
  visit(contents, 0);
}

/** `POST /v1beta/cachedContents`: checked as Google does (model, files, size), 1 hour unless `ttl`/`expireTime`. */
export function createCachedContent(context: RouteContext) {
  const body = jsonBody(context) as Record<string, unknown>;
  const modelName = typeof body.model === "string" ? body.model.replace(/^models\//, "") : "";
  const model = findModel(modelName);
  if (!model || !supports(model, "createCachedContent")) {
    throw modelNotFound(modelName, "createCachedContent");
  }
  checkFilesVisible(context, body);
  const contents = Array.isArray(body.contents) ? (body.contents as Content[]) : [];
  const prompt = countPromptTokens(contents);
  const system = body.systemInstruction as Content | undefined;
  const systemWords = (system?.parts ?? []).reduce(
    (sum, part) => sum + countWords(part.text ?? ""),
    0,
  );
  const tokens = prompt.text + prompt.media + systemWords;
  if (tokens < MIN_CACHE_TOKENS) {
    throw invalidArgument(
      `Cached content is too small. total_token_count=${tokens}, min_total_token_count=${MIN_CACHE_TOKENS}`,
    );
  }
  const now = context.state.now();
  const id = newId(40);
  const expiresAt = expiryOf(body, now, now + CACHE_DEFAULT_TTL_MS);
  const resource = {
    name: `cachedContents/${id}`,
    model: model.name,
    createTime: iso(now),
    updateTime: iso(now),
    expireTime: iso(expiresAt),
    displayName: typeof body.displayName === "string" ? body.displayName : "",
    usageMetadata: { totalTokenCount: tokens },
  };
  context.state.store.caches.set(id, {
    project: context.project,
    resource,
    tokens,
    createdAt: now,
    expiresAt,
  });
  sendJson(context.response, 200, resource);
}

export function getCachedContent(context: RouteContext, id: string) {
  sendJson(context.response, 200, visibleCache(context, id).resource);
}

/** `PATCH /v1beta/cachedContents/{id}?updateMask=ttl`: only the expiry may change. */
export function updateCachedContent(context: RouteContext, id: string) {
  const cache = visibleCache(context, id);
  const body = jsonBody(context) as Record<string, unknown>;
  const now = context.state.now();
  cache.expiresAt = expiryOf(body, now, cache.expiresAt);
  cache.resource.expireTime = iso(cache.expiresAt);
  cache.resource.updateTime = iso(now);
  sendJson(context.response, 200, cache.resource);
}

export function deleteCachedContent(context: RouteContext, id: string) {
  visibleCache(context, id);
  context.state.store.caches.delete(id);
  sendJson(context.response, 200, {});
}

/** `GET /v1beta/cachedContents`: the project's caches, `{}` when there are none (as Google answers). */
export function listCachedContents(context: RouteContext) {
  const { store } = context.state;
  const caches = store.listOf(store.caches, context.project, context.state.now());
  const { page, nextPageToken } = pageOf(caches, context.url.searchParams, {
    default: 100,
    max: 1000,
  });
  sendJson(context.response, 200, {
    ...(page.length > 0 && { cachedContents: page.map((cache) => cache.resource) }),
    ...(nextPageToken && { nextPageToken }),
  });
}
