import type { Context } from "hono";
import { badRequest } from "../../../common/api-error.ts";
import { keyPrints } from "../../affinity/key-prints.ts";
import { ownerOf, resourceRef } from "../../affinity/resource-owner.ts";
import { resourcesInBody } from "../../affinity/tag-resources.ts";
import { resourcePath, type StoreChild } from "../../gemini/resource-path.ts";
import type { AppEnv } from "../../http/app-env.ts";
import { poolFor } from "../../pool/pool-from-env.ts";
import { unknownRoute } from "./not-served.ts";
import { callOwner, checkedQuery, PAGE_QUERY, splitVerb } from "./owned-resource.ts";
import { readJsonObjectText } from "./request-body.ts";
import { taggedAnswer } from "./resource-answer.ts";
import { uploadToStore } from "./uploads.ts";

/**
 * File Search stores (ai.google.dev/api/file-search/file-search-stores) belong to the project of
 * the key that created them, and so do their documents and operations, whose names start with
 * the store's (`fileSearchStores/{id}/documents/{id}`): the store's tag routes them all. A store
 * is created with a healthy key; a file is imported only into a store of the same key (Google
 * refuses another project's file), and a generate request whose fileSearch tool names stores goes
 * to their key (src/affinity/pin-for-body.ts).
 */

const FORCE_QUERY = { force: /^(true|false)$/ };

/** `POST /v1beta/fileSearchStores`: made with a healthy key, named with its tag. */
export async function createStore(c: Context<AppEnv>) {
  const pool = poolFor(c);
  const { answer, key } = await pool.bytesFrom({
    kind: "resource",
    method: "POST",
    path: resourcePath("fileSearchStores"),
    rawBody: await readJsonObjectText(c),
  });
  const print = (await keyPrints(pool.keys)).printOf(key);
  return taggedAnswer(c, answer, "fileSearchStores", print);
}

/** `GET` / `DELETE /v1beta/fileSearchStores/{id}` (`?force=true` deletes its documents too). */
export const storeByName = (method: "GET" | "DELETE") => (c: Context<AppEnv>) => {
  const ref = resourceRef("fileSearchStores", c.req.param("id") ?? "");
  return callOwner(c, ref, {
    method,
    path: resourcePath("fileSearchStores", ref.id),
    query: method === "DELETE" ? checkedQuery(c, FORCE_QUERY) : {},
  });
};

/**
 * `POST /v1beta/fileSearchStores/{id}:importFile` (`{"fileName": "files/…"}`) and, under
 * `/upload`, `:uploadToFileSearchStore`.
 */
export async function storeAction(c: Context<AppEnv>) {
  const { id, verb } = splitVerb(c.req.param("target") ?? "");
  const store = resourceRef("fileSearchStores", id);
  if (verb === "uploadToFileSearchStore") return uploadToStore(c, store);
  if (verb !== "importFile" || c.req.path.startsWith("/upload/")) {
    throw unknownRoute(c.req.method, c.req.path);
  }
  const text = await readJsonObjectText(c);
  const body = JSON.parse(text) as Record<string, unknown>;
  const files = resourcesInBody(body).filter((named) => named.ref.collection === "files");
  if (files.length === 0) throw badRequest("fileName", "fileName must name a file: files/{id}.");
  for (const file of files) {
    if (file.ref.print !== null && store.print !== null && file.ref.print !== store.print) {
      throw importedFromAnotherKey(file.ref.name, store.name);
    }
  }
  const pool = poolFor(c);
  const owner = await ownerOf(pool, store);
  for (const file of files) {
    if ((await ownerOf(pool, file.ref)) !== owner)
      throw importedFromAnotherKey(file.ref.name, store.name);
    file.untag();
  }
  const answer = await pool.pinnedTo(owner).bytes({
    kind: "resource",
    method: "POST",
    path: resourcePath("fileSearchStores", store.id, { verb: "importFile" }),
    rawBody: JSON.stringify(body),
  });
  const print = (await keyPrints(pool.keys)).printOf(owner);
  return taggedAnswer(c, answer, "fileSearchStores", print);
}

const importedFromAnotherKey = (file: string, store: string) =>
  badRequest(
    "fileName",
    `${file} was uploaded with another key of the gateway than ${store} was created with (another Google project): a store imports only its own project's files. Upload the file straight into the store with uploadToFileSearchStore instead.`,
    "resources_of_different_keys",
  );

/**
 * A store's children: `GET …/documents` (Google's own paging: one store, one key), `GET` /
 * `DELETE …/documents/{id}`, `GET …/operations/{id}` and `…/upload/operations/{id}`.
 */
export const storeChild =
  (child: StoreChild, method: "GET" | "DELETE", listing = false) =>
  (c: Context<AppEnv>) => {
    const store = resourceRef("fileSearchStores", c.req.param("id") ?? "");
    const childId = listing ? undefined : (c.req.param("child") ?? "");
    const query =
      method === "DELETE"
        ? checkedQuery(c, FORCE_QUERY)
        : listing
          ? checkedQuery(c, PAGE_QUERY)
          : {};
    return callOwner(c, store, {
      method,
      path: resourcePath("fileSearchStores", store.id, {
        child: { collection: child, ...(childId !== undefined && { id: childId }) },
      }),
      query,
    });
  };
