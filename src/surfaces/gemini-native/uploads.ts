import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { ApiError, badRequest } from "../../../common/api-error.ts";
import { readTag, tagId } from "../../../common/resource-tag.ts";
import { goneWithItsKey } from "../../affinity/affinity-errors.ts";
import { keyPrints } from "../../affinity/key-prints.ts";
import { ownerOf, type ResourceRef } from "../../affinity/resource-owner.ts";
import type { GeminiBytes } from "../../gemini/client.ts";
import { isResourceId, type ResourcePath, resourcePath } from "../../gemini/resource-path.ts";
import type { AppEnv } from "../../http/app-env.ts";
import type { GeminiPool } from "../../pool/gemini-pool.ts";
import { poolFor } from "../../pool/pool-from-env.ts";
import { unknownRoute } from "./not-served.ts";
import { taggedAnswer } from "./resource-answer.ts";

/**
 * The request headers of Google's upload protocol that go upstream (with their values checked
 * for length); `x-goog-upload-file-name` is the client's file name.
 */
const UPLOAD_REQUEST_HEADERS = [
  "x-goog-upload-protocol",
  "x-goog-upload-command",
  "x-goog-upload-offset",
  "x-goog-upload-header-content-length",
  "x-goog-upload-header-content-type",
  "x-goog-upload-file-name",
];

/** The answer headers of the protocol the client needs (the upload URL is rewritten). */
const UPLOAD_ANSWER_HEADERS = [
  "x-goog-upload-status",
  "x-goog-upload-size-received",
  "x-goog-upload-chunk-granularity",
];

function uploadHeaders(c: Context<AppEnv>): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name of UPLOAD_REQUEST_HEADERS) {
    const value = c.req.header(name);
    if (value === undefined) continue;
    if (value.length > 1024) throw badRequest(name, `${name} is too long.`);
    headers[name] = value;
  }
  return headers;
}

function answerHeaders(answer: GeminiBytes): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name of UPLOAD_ANSWER_HEADERS) {
    const value = answer.headers.get(name);
    if (value !== null) headers[name] = value;
  }
  return headers;
}

/** Where an upload goes: the pool (pinned to a store's key for a store), the path, the answer's shape. */
interface UploadTarget {
  pool: GeminiPool;
  /** The upstream path of the start (and of every later command on the session). */
  path: ResourcePath;
  /** `file` when the final answer wraps the file (`{file: {...}}`); a store answers an operation. */
  wrapped?: "file";
}

/**
 * `POST /upload/v1beta/files` (and `/upload/v1/files`): Google's two upload protocols.
 * - Resumable (what `@google/genai` uses): `start` is made with a healthy key, and the upload URL
 *   handed back points at the gateway with the session id tagged by that key; every later
 *   command (`upload`, `upload, finalize`, `query`) on it goes to that key. The final answer's
 *   file is named with the key's tag.
 * - Multipart (one request, metadata and bytes): made with a healthy key, the file tagged.
 */
export async function uploadFile(c: Context<AppEnv>) {
  if (!c.req.path.startsWith("/upload/")) throw unknownRoute(c.req.method, c.req.path);
  const pool = poolFor(c);
  const path = resourcePath("files", undefined, { upload: true });
  return upload(c, { pool, path, wrapped: "file" });
}

/**
 * `POST /upload/v1beta/fileSearchStores/{id}:uploadToFileSearchStore`: the same protocols, with
 * the key that owns the store (from its tag, or asked); the final answer is the store's import
 * operation, its names tagged.
 */
export async function uploadToStore(c: Context<AppEnv>, ref: ResourceRef) {
  if (!c.req.path.startsWith("/upload/")) throw unknownRoute(c.req.method, c.req.path);
  const all = poolFor(c);
  const owner = await ownerOf(all, ref);
  const path = resourcePath("fileSearchStores", ref.id, {
    upload: true,
    verb: "uploadToFileSearchStore",
  });
  return upload(c, { pool: all.pinnedTo(owner), path });
}

async function upload(c: Context<AppEnv>, target: UploadTarget) {
  const uploadId = c.req.query("upload_id");
  if (uploadId !== undefined) return continueUpload(c, uploadId, target);
  const headers = uploadHeaders(c);
  const query: Record<string, string> = {};
  const uploadType = c.req.query("uploadType");
  if (uploadType !== undefined) {
    if (!/^(multipart|resumable|media)$/.test(uploadType)) {
      throw badRequest("uploadType", "uploadType must be multipart, resumable or media.");
    }
    query.uploadType = uploadType;
  }
  const { answer, key } = await target.pool.bytesFrom({
    kind: "resource",
    method: "POST",
    path: target.path,
    headers,
    query,
    contentType: c.req.header("content-type") ?? "application/json",
    rawBody: await c.req.arrayBuffer(),
  });
  const print = (await keyPrints(target.pool.keys)).printOf(key);
  const extra = answerHeaders(answer);
  const upstreamUrl = answer.headers.get("x-goog-upload-url");
  if (upstreamUrl !== null) {
    const session = new URL(upstreamUrl).searchParams.get("upload_id");
    if (session === null || !isResourceId(session)) {
      throw new ApiError(502, "Gemini answered no usable upload URL.", { code: "upstream_error" });
    }
    const gateway = new URL(c.req.url);
    const url = new URL(gateway.pathname, gateway.origin);
    url.searchParams.set("upload_id", tagId(session, print));
    url.searchParams.set("upload_protocol", "resumable");
    extra["x-goog-upload-url"] = url.toString();
  }
  return taggedAnswer(c, answer, "files", print, {
    ...(target.wrapped && { wrapped: target.wrapped }),
    headers: extra,
  });
}

/** A command on an upload session: sent with the key that started it, named by the session's tag. */
async function continueUpload(c: Context<AppEnv>, taggedSession: string, target: UploadTarget) {
  const tag = readTag(taggedSession);
  if (!tag || !isResourceId(tag.id)) {
    throw badRequest("upload_id", "upload_id is not one of an upload URL the gateway handed out.");
  }
  const prints = await keyPrints(target.pool.keys);
  const key = prints.byPrint.get(tag.print);
  if (!key) throw goneWithItsKey("This upload session", tag.print);
  const answer = await target.pool.pinnedTo(key).bytes({
    kind: "resource",
    method: "POST",
    path: target.path,
    headers: uploadHeaders(c),
    query: { upload_id: tag.id, upload_protocol: "resumable" },
    contentType: c.req.header("content-type") ?? "application/octet-stream",
    rawBody: await c.req.arrayBuffer(),
  });
  if (answer.bytes.byteLength === 0) {
    return c.body(null, answer.status as ContentfulStatusCode, answerHeaders(answer));
  }
  return taggedAnswer(c, answer, "files", tag.print, {
    ...(target.wrapped && { wrapped: target.wrapped }),
    headers: answerHeaders(answer),
  });
}
