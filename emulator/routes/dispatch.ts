import { modelNotFound, modelRetired, routeNotFound } from "../errors.ts";
import { findModel, type GeminiModel, rowOf, supports } from "../models/catalog.ts";
import { checkGenerateRequest, parseGenerateRequest } from "../validate/generate-request.ts";
import { cancelBatch, createBatch, deleteBatch, getBatch, listBatches } from "./batches.ts";
import {
  checkFilesVisible,
  createCachedContent,
  deleteCachedContent,
  getCachedContent,
  listCachedContents,
  updateCachedContent,
  visibleCache,
} from "./cached-contents.ts";
import { countTokens } from "./count-tokens.ts";
import { batchEmbedContents, embedContent } from "./embed.ts";
import {
  checkStoresVisible,
  createStore,
  deleteStore,
  documentRoute,
  getStore,
  getStoreOperation,
  importFile,
  listStores,
} from "./file-search-stores.ts";
import { deleteFile, downloadFile, getFile, listFiles, upload } from "./files.ts";
import { generateContent, streamGenerateContent } from "./generate.ts";
import { interactionsRoute } from "./interactions.ts";
import { getModel, listModels } from "./models.ts";
import { jsonBody, type RouteContext } from "./route-context.ts";

const MODEL_PATH = /^\/v1beta\/models\/([^:/]+)(?::([A-Za-z]+))?$/;
const RESOURCE_PATH = /^\/v1beta\/(files|cachedContents)(?:\/([^/:]+))?$/;
/** `/v1beta/batches[/{id}[:cancel]]`. */
const BATCH_PATH = /^\/v1beta\/batches(?:\/([^/:]+)(?::(cancel))?)?$/;
/** `/[download/]v1beta/files/{id}:download`. */
const DOWNLOAD_PATH = /^\/(?:download\/)?v1beta\/files\/([^/:]+):download$/;
/** `/[upload/]v1beta/fileSearchStores[/{id}[:verb | /documents[/{id}] | /[upload/]operations/{id}]]`. */
const STORE_PATH =
  /^\/(upload\/)?v1beta\/fileSearchStores(?:\/([^/:]+)(?::([A-Za-z]+)|\/documents(?:\/([^/:]+))?|\/((?:upload\/)?operations\/[^/:]+))?)?$/;

/** Routes an authenticated `/v1beta/...` request. Throws GeminiError for every refusal. */
export async function dispatch(context: RouteContext): Promise<void> {
  const method = context.request.method ?? "GET";
  const path = decodeURIComponent(context.url.pathname);
  if (path === "/v1beta/models" && method === "GET") return listModels(context);
  if (path === "/upload/v1beta/files" && method === "POST") {
    upload(context);
    return;
  }
  if (path === "/v1beta/interactions" || path.startsWith("/v1beta/interactions/")) {
    return interactionsRoute(context, method, path.slice("/v1beta/interactions/".length));
  }
  const resource = RESOURCE_PATH.exec(path);
  if (resource) return resourceRoute(context, method, resource[1] ?? "", resource[2]);
  const download = DOWNLOAD_PATH.exec(path);
  if (download && method === "GET") return downloadFile(context, download[1] ?? "");
  const batch = BATCH_PATH.exec(path);
  if (batch) return batchRoute(context, method, batch[1], batch[2]);
  const store = STORE_PATH.exec(path);
  if (store) {
    storeRoute(context, method, store);
    return;
  }
  const match = MODEL_PATH.exec(path);
  if (!match) throw routeNotFound(context.url.pathname);
  const [, id = "", action] = match;
  if (action === undefined) {
    if (method !== "GET") throw routeNotFound(context.url.pathname);
    return getModel(context, id);
  }
  if (method !== "POST") throw routeNotFound(context.url.pathname);
  switch (action) {
    case "generateContent":
    case "streamGenerateContent": {
      const raw = jsonBody(context);
      const request = parseGenerateRequest(raw);
      const model = modelFor(context, id, action);
      checkGenerateRequest(request, model);
      const cachedTokens = checkResourcesUsed(context, raw);
      if (action === "generateContent")
        return generateContent(context, model, request, cachedTokens);
      return streamGenerateContent(context, model, request, cachedTokens);
    }
    case "batchGenerateContent":
      return createBatch(context, modelFor(context, id, "generateContent"), "generate");
    case "asyncBatchEmbedContent":
      return createBatch(context, modelFor(context, id, "embedContent"), "embed");
    case "embedContent":
      return embedContent(context, modelFor(context, id, action));
    case "batchEmbedContents":
      return batchEmbedContents(context, modelFor(context, id, action));
    case "countTokens":
      checkResourcesUsed(context, jsonBody(context));
      return countTokens(context, modelFor(context, id, action));
    default:
      throw routeNotFound(context.url.pathname);
  }
}

/**
 * The model a call names: unknown, or without the method → 404 as Gemini words it; shut down
 * (retired, not rerouted) → 404 "no longer available". A rerouted id answers as its target.
 */
function modelFor(context: RouteContext, id: string, action: string): GeminiModel {
  const model = findModel(id, context.state.options.extraModels);
  if (!model) throw modelNotFound(id, action);
  const row = rowOf(model);
  if (row.status === "retired" && !row.reroutedTo) throw modelRetired(model.name);
  if (!supports(model, action)) throw modelNotFound(id, action);
  return model;
}

/** Files and cached contents by name (Gemini's REST paths; the methods each collection has). */
function resourceRoute(context: RouteContext, method: string, collection: string, id?: string) {
  const routes: Record<string, (() => void) | undefined> =
    collection === "files"
      ? {
          "GET list": () => listFiles(context),
          GET: id ? () => getFile(context, id) : undefined,
          DELETE: id ? () => deleteFile(context, id) : undefined,
        }
      : {
          "GET list": () => listCachedContents(context),
          "POST list": () => createCachedContent(context),
          GET: id ? () => getCachedContent(context, id) : undefined,
          PATCH: id ? () => updateCachedContent(context, id) : undefined,
          DELETE: id ? () => deleteCachedContent(context, id) : undefined,
        };
  const route = routes[id === undefined ? `${method} list` : method];
  if (!route) throw routeNotFound(context.url.pathname);
  route();
}

/** Batches by id (ai.google.dev/api/batch-api): list, get, `:cancel`, delete. */
function batchRoute(context: RouteContext, method: string, id?: string, verb?: string) {
  if (id === undefined && method === "GET") return listBatches(context);
  if (id !== undefined && verb === "cancel" && method === "POST") return cancelBatch(context, id);
  if (id !== undefined && verb === undefined && method === "GET") return getBatch(context, id);
  if (id !== undefined && verb === undefined && method === "DELETE")
    return deleteBatch(context, id);
  throw routeNotFound(context.url.pathname);
}

/** File Search stores, their documents and operations, and the upload into a store. */
function storeRoute(context: RouteContext, method: string, match: RegExpExecArray): unknown {
  const [, uploadPrefix, id, verb, documentId, operation] = match;
  const documents = /\/documents(\/|$)/.test(context.url.pathname);
  if (uploadPrefix) {
    if (id && verb === "uploadToFileSearchStore" && method === "POST") return upload(context, id);
    throw routeNotFound(context.url.pathname);
  }
  if (id === undefined) {
    if (method === "GET") return listStores(context);
    if (method === "POST") return createStore(context);
  } else if (verb === "importFile" && method === "POST") return importFile(context, id);
  else if (operation && method === "GET") return getStoreOperation(context, id, operation);
  else if (documents && (method === "GET" || (method === "DELETE" && documentId))) {
    return documentRoute(context, id, documentId);
  } else if (!verb && !documents && !operation) {
    if (method === "GET") return getStore(context, id);
    if (method === "DELETE") return deleteStore(context, id);
  }
  throw routeNotFound(context.url.pathname);
}

/**
 * A generate request's cache and files must be its key's project's (checked after the request's
 * own rules, e.g. a cache with `systemInstruction` — validate/generate-request.ts). Returns the
 * cache's token count (0 without one).
 */
function checkResourcesUsed(context: RouteContext, raw: unknown): number {
  if (typeof raw !== "object" || raw === null) return 0;
  const body = raw as Record<string, unknown>;
  checkFilesVisible(context, body.contents);
  checkStoresVisible(context, body.tools);
  if (typeof body.cachedContent !== "string") return 0;
  return visibleCache(context, body.cachedContent).tokens;
}
