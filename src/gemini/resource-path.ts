import { badRequest } from "../../common/api-error.ts";

/**
 * An upstream path of one of Google's project-bound resources (`/v1beta/files/{id}`,
 * `/upload/v1beta/files`, `/v1beta/batches/{id}:cancel`,
 * `/v1beta/fileSearchStores/{id}/documents/{id}`…), made only by `resourcePath` from a fixed
 * collection, a fixed verb and checked ids, so no client text shapes an upstream URL beyond an id.
 */
export type ResourcePath = string & { readonly __brand: "ResourcePath" };

export type ResourceCollection =
  | "files"
  | "cachedContents"
  | "batches"
  | "fileSearchStores"
  | "interactions";

/**
 * The field of a listing's answer that holds its items: Google lists batches as long-running
 * operations, `{"operations": [...]}` (@google/genai's listBatchJobsResponseFromMldev reads
 * `operations`), every other collection under its own name.
 */
export const LIST_FIELD: Readonly<Record<ResourceCollection, string>> = {
  files: "files",
  cachedContents: "cachedContents",
  batches: "operations",
  fileSearchStores: "fileSearchStores",
  interactions: "interactions",
};

/** Custom methods after an id (`batches/{id}:cancel`), each on the collection that has it. */
export type ResourceVerb = "cancel" | "download" | "importFile" | "uploadToFileSearchStore";

/** A File Search store's own collections: its documents and its long-running operations. */
export type StoreChild = "documents" | "operations" | "upload/operations";

export interface ResourcePathOptions {
  /** `/upload` in front (the upload protocols). */
  upload?: boolean;
  /** `:{verb}` after the id. */
  verb?: ResourceVerb;
  /** A child collection of the resource, and one of its ids. */
  child?: { collection: StoreChild; id?: string };
}

/** Google's ids: letters, digits, `-` and `_` (upload ids are base64url), at most 512 characters. */
const RESOURCE_ID = /^[A-Za-z0-9_-]{1,512}$/;

export function isResourceId(id: string): boolean {
  return RESOURCE_ID.test(id);
}

function checkedId(id: string, what: string): string {
  if (!isResourceId(id))
    throw badRequest("name", `'${id.slice(0, 80)}' is not a valid ${what} id.`);
  return id;
}

/**
 * `/v1beta/{collection}`, `/v1beta/{collection}/{id}`, `…/{id}:{verb}` or
 * `…/{id}/{child}[/{childId}]`; `upload` puts `/upload` in front.
 */
export function resourcePath(
  collection: ResourceCollection,
  id?: string,
  options: ResourcePathOptions = {},
): ResourcePath {
  let path = `${options.upload ? "/upload" : ""}/v1beta/${collection}`;
  if (id !== undefined) path += `/${checkedId(id, collection)}`;
  if (id !== undefined && options.verb) path += `:${options.verb}`;
  if (id !== undefined && options.child) {
    path += `/${options.child.collection}`;
    if (options.child.id !== undefined) path += `/${checkedId(options.child.id, "document")}`;
  }
  return path as ResourcePath;
}
