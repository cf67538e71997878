import { badRequest } from "../../common/api-error.ts";

/**
 * An upstream path of one of Google's project-bound resources (`/v1beta/files/{id}`,
 * `/upload/v1beta/files`, `/v1beta/cachedContents/{id}`), made only by `resourcePath` from a
 * fixed collection and checked ids, so no client text shapes an upstream URL beyond an id.
 */
export type ResourcePath = string & { readonly __brand: "ResourcePath" };

export type ResourceCollection = "files" | "cachedContents" | "interactions";

/** Google's ids: letters, digits, `-` and `_` (upload ids are base64url), at most 512 characters. */
const RESOURCE_ID = /^[A-Za-z0-9_-]{1,512}$/;

export function isResourceId(id: string): boolean {
  return RESOURCE_ID.test(id);
}

/** `/v1beta/{collection}` or `/v1beta/{collection}/{id}`; `upload` puts `/upload` in front. */
export function resourcePath(
  collection: ResourceCollection,
  id?: string,
  options: { upload?: boolean } = {},
): ResourcePath {
  if (id !== undefined && !isResourceId(id)) {
    throw badRequest("name", `'${id.slice(0, 80)}' is not a valid ${collection} id.`);
  }
  const base = `${options.upload ? "/upload" : ""}/v1beta/${collection}`;
  return (id === undefined ? base : `${base}/${id}`) as ResourcePath;
}
