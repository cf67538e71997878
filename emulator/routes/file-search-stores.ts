import { GeminiError, invalidArgument } from "../errors.ts";
import { sendJson } from "../http-io.ts";
import { newId, type StoredStore } from "../resources/store.ts";
import { visibleFile } from "./files.ts";
import { pageOf } from "./page-token.ts";
import { jsonBody, type RouteContext } from "./route-context.ts";

/**
 * File Search stores (ai.google.dev/api/file-search/file-search-stores, .../documents,
 * ai.google.dev/gemini-api/docs/file-search), per project. A store's id is derived from its
 * display name with a 12-character random suffix, at most 40 characters (FileSearchStore.name in
 * @google/genai's types); data in a store stays until deleted (docs/file-search: "stored
 * indefinitely until you manually delete it"). A file is imported (`:importFile`, a file of the
 * project — another's is the File 403) or uploaded (`:uploadToFileSearchStore`, the resumable
 * protocol of files) as a Document, through a long-running operation that is done after `jobMs`
 * (`{store}/operations/{id}`, `{store}/upload/operations/{id}`; response `parent`,
 * `documentName`).
 */

const TYPE_PREFIX = "type.googleapis.com/google.ai.generativelanguage.v1main.";
const MAX_ID_LENGTH = 40;
const SUFFIX_LENGTH = 12;

const iso = (time: number) => new Date(time).toISOString();

/** A store of another project, or none: the emulator's wording (Google's is not documented). */
const storeNotVisible = (name: string) =>
  new GeminiError(
    403,
    "PERMISSION_DENIED",
    `Permission denied on resource ${name} (or it may not exist).`,
  );

const failedPrecondition = (message: string) =>
  new GeminiError(400, "FAILED_PRECONDITION", message);

/** `display-name-xxxxxxxxxxxx`: the display name's words, then 12 random characters, ≤ 40 in all. */
function derivedId(displayName: unknown): string {
  const words =
    typeof displayName === "string"
      ? displayName
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, "-")
          .replace(/^-+|-+$/g, "")
          .slice(0, MAX_ID_LENGTH - SUFFIX_LENGTH - 1)
          .replace(/-+$/, "")
      : "";
  return words === "" ? newId(SUFFIX_LENGTH) : `${words}-${newId(SUFFIX_LENGTH)}`;
}

/** The project's store `fileSearchStores/{id}`; another project's, or none, is a 403. */
export function visibleStore(context: RouteContext, name: string): StoredStore {
  const id = name.replace(/^fileSearchStores\//, "");
  const store = context.state.store.stores.get(id);
  if (!store || store.project !== context.project) throw storeNotVisible(`fileSearchStores/${id}`);
  return store;
}

/** The store's resource with its document counts brought up to the clock. */
function storeResource(context: RouteContext, store: StoredStore): Record<string, unknown> {
  const now = context.state.now();
  let active = 0;
  let pending = 0;
  let size = 0;
  for (const document of store.documents.values()) {
    if (document.readyAt <= now) {
      document.resource.state = "STATE_ACTIVE";
      active++;
    } else pending++;
    size += Number(document.resource.sizeBytes ?? 0);
  }
  const counts: Record<string, string> = {};
  if (active > 0) counts.activeDocumentsCount = String(active);
  if (pending > 0) counts.pendingDocumentsCount = String(pending);
  if (size > 0) counts.sizeBytes = String(size);
  return { ...store.resource, ...counts };
}

/** `POST /v1beta/fileSearchStores` (`{displayName?, embeddingModel?}`). */
export function createStore(context: RouteContext) {
  const body = jsonBody(context) as Record<string, unknown>;
  if (typeof body.displayName === "string" && body.displayName.length > 512) {
    throw invalidArgument("display_name must be no more than 512 characters.");
  }
  const now = context.state.now();
  const id = derivedId(body.displayName);
  const resource: Record<string, unknown> = {
    name: `fileSearchStores/${id}`,
    ...(typeof body.displayName === "string" && { displayName: body.displayName }),
    createTime: iso(now),
    updateTime: iso(now),
    ...(typeof body.embeddingModel === "string" && { embeddingModel: body.embeddingModel }),
  };
  context.state.store.stores.set(id, {
    project: context.project,
    resource,
    documents: new Map(),
    operations: new Map(),
    createdAt: now,
    expiresAt: Number.POSITIVE_INFINITY,
  });
  sendJson(context.response, 200, resource);
}

export function getStore(context: RouteContext, id: string) {
  sendJson(context.response, 200, storeResource(context, visibleStore(context, id)));
}

/**
 * `DELETE /v1beta/fileSearchStores/{id}?force=`: `{}`. A store with documents needs `force=true`
 * (else FAILED_PRECONDITION, as the method's `force` is documented; the text is the emulator's).
 */
export function deleteStore(context: RouteContext, id: string) {
  const store = visibleStore(context, id);
  if (store.documents.size > 0 && context.url.searchParams.get("force") !== "true") {
    throw failedPrecondition(
      `FileSearchStore fileSearchStores/${id} has documents; delete it with force=true.`,
    );
  }
  context.state.store.stores.delete(id);
  sendJson(context.response, 200, {});
}

/** `GET /v1beta/fileSearchStores`: the project's stores, newest first; 10 a page, at most 20. */
export function listStores(context: RouteContext) {
  const stores = [...context.state.store.stores.values()]
    .filter((store) => store.project === context.project)
    .sort((a, b) => b.createdAt - a.createdAt)
    .map((store) => storeResource(context, store));
  const { page, nextPageToken } = pageOf(stores, context.url.searchParams, {
    default: 10,
    max: 20,
  });
  sendJson(context.response, 200, {
    ...(page.length > 0 && { fileSearchStores: page }),
    ...(nextPageToken && { nextPageToken }),
  });
}

/**
 * A new Document in `store` holding `bytes`, and the operation that imports it (`kind` names its
 * collection: `operations` for importFile, `upload/operations` for an upload).
 */
export function addDocument(
  context: RouteContext,
  storeId: string,
  store: StoredStore,
  source: { displayName?: unknown; mimeType: string; bytes: Buffer; customMetadata?: unknown },
  kind: "operations" | "upload/operations",
): Record<string, unknown> {
  const now = context.state.now();
  const readyAt = now + context.state.options.jobMs;
  const documentId = derivedId(source.displayName);
  const storeName = `fileSearchStores/${storeId}`;
  const documentName = `${storeName}/documents/${documentId}`;
  store.documents.set(documentId, {
    resource: {
      name: documentName,
      ...(typeof source.displayName === "string" && { displayName: source.displayName }),
      ...(Array.isArray(source.customMetadata) && { customMetadata: source.customMetadata }),
      state: readyAt <= now ? "STATE_ACTIVE" : "STATE_PENDING",
      sizeBytes: String(source.bytes.length),
      mimeType: source.mimeType,
      createTime: iso(now),
      updateTime: iso(now),
    },
    text: source.bytes.toString("utf8"),
    readyAt,
  });
  const operationId = newId(12);
  const operation: Record<string, unknown> = { name: `${storeName}/${kind}/${operationId}` };
  store.operations.set(`${kind}/${operationId}`, {
    operation,
    doneAt: readyAt,
    response: {
      "@type": `${TYPE_PREFIX}${kind === "operations" ? "ImportFileResponse" : "UploadToFileSearchStoreResponse"}`,
      parent: storeName,
      documentName,
    },
  });
  return operationState(context, store, `${kind}/${operationId}`);
}

function operationState(context: RouteContext, store: StoredStore, key: string) {
  const entry = store.operations.get(key);
  if (!entry) throw new GeminiError(404, "NOT_FOUND", "Operation not found.");
  if (context.state.now() >= entry.doneAt) {
    entry.operation.done = true;
    entry.operation.response = entry.response;
  }
  return entry.operation;
}

/** `POST /v1beta/fileSearchStores/{id}:importFile` (`{fileName, customMetadata?, chunkingConfig?}`). */
export function importFile(context: RouteContext, id: string) {
  const store = visibleStore(context, id);
  const body = jsonBody(context) as Record<string, unknown>;
  if (typeof body.fileName !== "string" || !body.fileName.startsWith("files/")) {
    throw invalidArgument("file_name is required: files/{id}.");
  }
  const file = visibleFile(context, body.fileName.slice("files/".length));
  const operation = addDocument(
    context,
    id,
    store,
    {
      displayName: file.resource.displayName ?? file.resource.name,
      mimeType: String(file.resource.mimeType ?? "application/octet-stream"),
      bytes: file.bytes,
      customMetadata: body.customMetadata,
    },
    "operations",
  );
  sendJson(context.response, 200, operation);
}

/** `GET /v1beta/fileSearchStores/{id}/operations/{op}` and `…/upload/operations/{op}`. */
export function getStoreOperation(context: RouteContext, id: string, key: string) {
  sendJson(context.response, 200, operationState(context, visibleStore(context, id), key));
}

/** `GET …/documents?pageSize&pageToken` (10 a page, at most 20), `GET`/`DELETE …/documents/{id}`. */
export function documentRoute(context: RouteContext, id: string, documentId: string | undefined) {
  const store = visibleStore(context, id);
  storeResource(context, store); // brings document states up to the clock
  const method = context.request.method ?? "GET";
  if (documentId === undefined) {
    const documents = [...store.documents.values()].map((document) => document.resource);
    const { page, nextPageToken } = pageOf(documents, context.url.searchParams, {
      default: 10,
      max: 20,
    });
    return sendJson(context.response, 200, {
      ...(page.length > 0 && { documents: page }),
      ...(nextPageToken && { nextPageToken }),
    });
  }
  const document = store.documents.get(documentId);
  const name = `fileSearchStores/${id}/documents/${documentId}`;
  if (!document) throw new GeminiError(404, "NOT_FOUND", `Document ${name} not found.`);
  if (method === "GET") return sendJson(context.response, 200, document.resource);
  // Every document holds chunks: without force Google answers FAILED_PRECONDITION (documents.delete's `force`).
  if (context.url.searchParams.get("force") !== "true") {
    throw failedPrecondition(`Document ${name} has chunks; delete it with force=true.`);
  }
  store.documents.delete(documentId);
  sendJson(context.response, 200, {});
}

/**
 * The stores a request's File Search tools name must be the project's: generateContent's
 * `{fileSearch: {fileSearchStoreNames}}`, the Interactions API's
 * `{type: "file_search", file_search_store_names}`.
 */
export function checkStoresVisible(context: RouteContext, tools: unknown) {
  if (!Array.isArray(tools)) return;
  type Tool = {
    fileSearch?: { fileSearchStoreNames?: unknown };
    file_search_store_names?: unknown;
  };
  for (const tool of tools as Tool[]) {
    const names = tool?.fileSearch?.fileSearchStoreNames ?? tool?.file_search_store_names;
    if (!Array.isArray(names)) continue;
    for (const name of names) if (typeof name === "string") visibleStore(context, name);
  }
}
