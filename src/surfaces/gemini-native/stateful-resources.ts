import type { Context } from "hono";
import { badRequest } from "../../../common/api-error.ts";
import {
  LIST_CONTINUE_HEADER,
  LIST_EMPTY_HEADER,
  LIST_NEXT_HEADER,
  LIST_VERIFY_HEADER,
} from "../../../common/backend-protocol.ts";
import { keyPrints } from "../../affinity/key-prints.ts";
import { listAcrossKeys } from "../../affinity/merged-list.ts";
import { pinForBody } from "../../affinity/pin-for-body.ts";
import { ownerOf, resourceRef } from "../../affinity/resource-owner.ts";
import { type ResourceCollection, resourcePath } from "../../gemini/resource-path.ts";
import type { AppEnv } from "../../http/app-env.ts";
import { poolFor } from "../../pool/pool-from-env.ts";
import { readJsonObjectText } from "./request-body.ts";
import { taggedAnswer } from "./resource-answer.ts";

/**
 * Files and cached contents by name: `GET`, `PATCH` (a cache's TTL) and `DELETE
 * /v1beta/{files|cachedContents}/{id}`, sent with the key whose tag the id carries (or, for an
 * untagged id, the key whose project can see it), the tag removed upstream and put back into
 * the answer.
 */
export const resourceByName =
  (collection: ResourceCollection, method: "GET" | "PATCH" | "DELETE") =>
  async (c: Context<AppEnv>) => {
    const ref = resourceRef(collection, c.req.param("id") ?? "");
    const pool = poolFor(c);
    const owner = await ownerOf(pool, ref);
    const query: Record<string, string> = {};
    const updateMask = c.req.query("updateMask");
    if (method === "PATCH" && updateMask !== undefined) {
      if (!/^[A-Za-z_.,]{1,200}$/.test(updateMask)) {
        throw badRequest("updateMask", "updateMask must name fields, e.g. ttl or expireTime.");
      }
      query.updateMask = updateMask;
    }
    const answer = await pool.pinnedTo(owner).bytes({
      kind: "resource",
      method,
      path: resourcePath(collection, ref.id),
      query,
      ...(method === "PATCH" && { rawBody: await readJsonObjectText(c) }),
    });
    const print = (await keyPrints(pool.keys)).printOf(owner);
    return taggedAnswer(c, answer, collection, print);
  };

/** `GET /v1beta/{files|cachedContents}?pageSize&pageToken`: merged over every key of the pool. */
export const listResources = (collection: ResourceCollection) => async (c: Context<AppEnv>) => {
  const pageSize = c.req.query("pageSize");
  if (pageSize !== undefined && !/^\d{1,4}$/.test(pageSize)) {
    throw badRequest("pageSize", "pageSize must be a non-negative integer.");
  }
  const next = c.req.header(LIST_NEXT_HEADER);
  const page = await listAcrossKeys(
    poolFor(c),
    collection,
    { pageSize, pageToken: c.req.query("pageToken") || undefined },
    next && /^[0-9a-f]{8}$/.test(next) ? next : null,
  );
  const headers: Record<string, string> = {};
  if (page.continueWith) headers[LIST_CONTINUE_HEADER] = page.continueWith;
  if (page.verify) headers[LIST_VERIFY_HEADER] = page.verify;
  if (Object.keys(page.body).length === 0) headers[LIST_EMPTY_HEADER] = "1";
  return c.json(page.body, 200, headers);
};

/**
 * `POST /v1beta/cachedContents`: made with a healthy key — or, when its contents use Gemini files,
 * with the key that owns them — and named with that key's tag.
 */
export async function createCachedContent(c: Context<AppEnv>) {
  const text = await readJsonObjectText(c);
  const all = poolFor(c);
  const { pool, body } = await pinForBody(all, text);
  const { answer, key } = await pool.bytesFrom({
    kind: "resource",
    method: "POST",
    path: resourcePath("cachedContents"),
    rawBody: body,
  });
  const print = (await keyPrints(all.keys)).printOf(key);
  return taggedAnswer(c, answer, "cachedContents", print);
}
