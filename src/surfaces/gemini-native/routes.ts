import { Hono } from "hono";
import type { AppEnv } from "../../http/app-env.ts";
import { batchAction, batchByName } from "./batches.ts";
import { fileByName } from "./file-download.ts";
import { createStore, storeAction, storeByName, storeChild } from "./file-search-stores.ts";
import { forGeminiNative, geminiSurface } from "./gemini-surface.ts";
import {
  cancelInteraction,
  createInteraction,
  deleteInteraction,
  getInteraction,
} from "./interactions.ts";
import { modelMethod } from "./model-method.ts";
import { getModel, listModels } from "./models.ts";
import { notPoolable, PROJECT_BOUND_COLLECTIONS, unknownRoute } from "./not-served.ts";
import { createCachedContent, listResources, resourceByName } from "./stateful-resources.ts";
import { uploadFile } from "./uploads.ts";

const collections = Object.keys(PROJECT_BOUND_COLLECTIONS).join("|");

/**
 * Gemini's own REST API (mounted at `/v1beta`, `/v1`, `/upload/v1beta` and `/upload/v1`), passed
 * through the key pool; errors in Gemini's shape. Every handler runs only for this surface's
 * requests, so on `/v1` a request it does not claim goes on to the OpenAI surface. Files, cached
 * contents, batches, File Search stores and interactions belong to one key's project: their
 * names carry that key's tag (src/affinity/); interactions answer errors in their own shape
 * (interactions.ts). Also mounted at `/download/v1beta` and `/download/v1` (file bytes).
 */
export const geminiNativeRoutes = new Hono<AppEnv>()
  .use(forGeminiNative(geminiSurface))
  .get("/models", forGeminiNative(listModels))
  .get("/models/:name{.+}", forGeminiNative(getModel))
  .post("/models/:target{.+}", forGeminiNative(modelMethod))
  .post("/files", forGeminiNative(uploadFile))
  .get("/files", forGeminiNative(listResources("files")))
  .get("/files/:id", forGeminiNative(fileByName))
  .delete("/files/:id", forGeminiNative(resourceByName("files", "DELETE")))
  .post("/cachedContents", forGeminiNative(createCachedContent))
  .get("/cachedContents", forGeminiNative(listResources("cachedContents")))
  .get("/cachedContents/:id", forGeminiNative(resourceByName("cachedContents", "GET")))
  .patch("/cachedContents/:id", forGeminiNative(resourceByName("cachedContents", "PATCH")))
  .delete("/cachedContents/:id", forGeminiNative(resourceByName("cachedContents", "DELETE")))
  .post("/interactions", forGeminiNative(createInteraction))
  .get("/interactions/:id", forGeminiNative(getInteraction))
  .delete("/interactions/:id", forGeminiNative(deleteInteraction))
  .post("/interactions/:id/cancel", forGeminiNative(cancelInteraction))
  .get("/batches", forGeminiNative(listResources("batches")))
  .get("/batches/:id", forGeminiNative(batchByName("GET")))
  .delete("/batches/:id", forGeminiNative(batchByName("DELETE")))
  .post("/batches/:target", forGeminiNative(batchAction))
  .post("/fileSearchStores", forGeminiNative(createStore))
  .get("/fileSearchStores", forGeminiNative(listResources("fileSearchStores")))
  .get("/fileSearchStores/:id", forGeminiNative(storeByName("GET")))
  .delete("/fileSearchStores/:id", forGeminiNative(storeByName("DELETE")))
  .post("/fileSearchStores/:target", forGeminiNative(storeAction))
  .get("/fileSearchStores/:id/documents", forGeminiNative(storeChild("documents", "GET", true)))
  .get("/fileSearchStores/:id/documents/:child", forGeminiNative(storeChild("documents", "GET")))
  .delete(
    "/fileSearchStores/:id/documents/:child",
    forGeminiNative(storeChild("documents", "DELETE")),
  )
  .get("/fileSearchStores/:id/operations/:child", forGeminiNative(storeChild("operations", "GET")))
  .get(
    "/fileSearchStores/:id/upload/operations/:child",
    forGeminiNative(storeChild("upload/operations", "GET")),
  )
  .all(
    `/:collection{${collections}}/*`,
    forGeminiNative((c) => {
      throw notPoolable(PROJECT_BOUND_COLLECTIONS[c.req.param("collection") ?? ""] ?? "this");
    }),
  )
  .all(
    "*",
    forGeminiNative((c) => {
      throw unknownRoute(c.req.method, c.req.path);
    }),
  );
