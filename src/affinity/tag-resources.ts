import { MAX_FILE_ID_LENGTH, tagId } from "../../common/resource-tag.ts";
import type { ResourceCollection } from "../gemini/resource-path.ts";
import { type ResourceRef, resourceRef } from "./resource-owner.ts";

/** A file's URI as Google writes it (`…/v1beta/files/{id}`), also with `:download?alt=media`. */
export const FILE_URI = /^(https?:\/\/[^/?#]+\/(?:v1|v1beta)\/files\/)([a-z0-9-]+)(.*)$/;

/** A tagged id, unless the tag would push a file id past Google's documented 40 characters. */
function tagged(collection: ResourceCollection, id: string, print: string): string {
  const withTag = tagId(id, print);
  return collection === "files" && withTag.length > MAX_FILE_ID_LENGTH ? id : withTag;
}

/**
 * Puts the creating key's tag into a resource Gemini returned (in place): its `name` and, for a
 * file, its `uri` and `downloadUri`. A file id the tag would make longer than 40 characters (a
 * client-chosen name) stays untagged; its owner is then found by asking the keys.
 */
export function tagResource(
  collection: ResourceCollection,
  resource: unknown,
  print: string,
): void {
  if (typeof resource !== "object" || resource === null) return;
  const fields = resource as Record<string, unknown>;
  const prefix = `${collection}/`;
  if (typeof fields.name === "string" && fields.name.startsWith(prefix)) {
    fields.name = prefix + tagged(collection, fields.name.slice(prefix.length), print);
  }
  if (collection !== "files") return;
  for (const field of ["uri", "downloadUri"]) {
    const value = fields[field];
    const match = typeof value === "string" ? FILE_URI.exec(value) : null;
    if (match) fields[field] = `${match[1]}${tagged("files", match[2] ?? "", print)}${match[3]}`;
  }
}

/** A resource a request body names, and how to write Google's own id in its place. */
export interface NamedInBody {
  ref: ResourceRef;
  untag(): void;
}

/**
 * The resources a generateContent-like body names — `cachedContent` at its top, and every
 * `fileUri` of a Gemini file anywhere in it — each with a way to put Google's id back in place.
 * Other URIs (YouTube, gs://, https) are not resources of a key and are left alone.
 */
export function resourcesInBody(body: Record<string, unknown>): NamedInBody[] {
  const found: NamedInBody[] = [];
  const cached = body.cachedContent;
  if (typeof cached === "string" && cached.startsWith("cachedContents/")) {
    const ref = resourceRef("cachedContents", cached.slice("cachedContents/".length));
    found.push({ ref, untag: () => (body.cachedContent = `cachedContents/${ref.id}`) });
  }
  const visit = (value: unknown, depth: number) => {
    if (depth > 100 || typeof value !== "object" || value === null) return;
    if (Array.isArray(value)) {
      for (const item of value) visit(item, depth + 1);
      return;
    }
    const fields = value as Record<string, unknown>;
    for (const [field, child] of Object.entries(fields)) {
      if (field === "fileUri" && typeof child === "string") {
        const match = FILE_URI.exec(child);
        if (!match) continue;
        const ref = resourceRef("files", match[2] ?? "");
        found.push({ ref, untag: () => (fields.fileUri = `${match[1]}${ref.id}${match[3]}`) });
      } else visit(child, depth + 1);
    }
  };
  visit(body, 0);
  return found;
}

/** Whether a body's text may name a resource at all: the cheap test before any walk. */
export const mayNameResources = (text: string) =>
  text.includes("cachedContents/") || text.includes("/files/");
