import { MAX_FILE_ID_LENGTH, readTag, tagId } from "../../common/resource-tag.ts";
import type { ResourceCollection } from "../gemini/resource-path.ts";
import { type ResourceRef, resourceRef } from "./resource-owner.ts";

/** A file's URI as Google writes it (`…/v1beta/files/{id}`), also with `:download?alt=media`. */
export const FILE_URI =
  /^(https?:\/\/[^/?#]+\/(?:download\/)?(?:v1|v1beta)\/files\/)([a-z0-9-]+)(.*)$/;

/**
 * A resource name in an answer: `files/{id}`, `batches/{id}`, `fileSearchStores/{id}` and what
 * lies under a store (`…/documents/{id}`, `…/operations/{id}`), `cachedContents/{id}`.
 */
const RESOURCE_NAME = /^(files|cachedContents|batches|fileSearchStores)\/([A-Za-z0-9_-]+)(\/.*)?$/;

/** Collections whose ids Google documents as at most 40 characters (files, File Search stores). */
const CAPPED: ReadonlySet<string> = new Set(["files", "fileSearchStores"]);

/**
 * A tagged id, unless it already carries a tag or the tag would push a file's or store's id past
 * Google's documented 40 characters (a client-chosen file name, a store named after a long
 * display name): that one stays untagged and its owner is found by asking the keys.
 */
function tagged(collection: string, id: string, print: string): string {
  if (readTag(id)) return id;
  const withTag = tagId(id, print);
  return CAPPED.has(collection) && withTag.length > MAX_FILE_ID_LENGTH ? id : withTag;
}

/** Fields of Gemini's answers that hold a resource name (`name`, a batch's result file…). */
const NAME_FIELDS: ReadonlySet<string> = new Set([
  "name",
  "parent",
  "documentName",
  "fileName",
  "file_name",
  "responsesFile",
]);
const URI_FIELDS: ReadonlySet<string> = new Set(["uri", "downloadUri"]);
/** Model output and echoed requests: never resource names, and the bulk of a batch's answer. */
const SKIPPED_FIELDS: ReadonlySet<string> = new Set([
  "inlinedResponses",
  "candidates",
  "contents",
  "requests",
  "usageMetadata",
]);

function tagName(value: string, print: string): string {
  const match = RESOURCE_NAME.exec(value);
  if (!match) return value;
  const [, collection = "", id = "", rest = ""] = match;
  return `${collection}/${tagged(collection, id, print)}${rest}`;
}

/**
 * Puts the creating key's tag into what Gemini answered about a resource (in place): every
 * resource name in its name fields — its own `name`, a batch's `metadata.name`, input file and
 * result file, a store's documents and operations with their `parent` and `documentName` — and a
 * file's `uri` and `downloadUri`. Model output inside (a batch's inline responses) is not walked.
 */
export function tagResource(
  _collection: ResourceCollection,
  resource: unknown,
  print: string,
): void {
  const visit = (value: unknown, depth: number) => {
    if (depth > 8 || typeof value !== "object" || value === null) return;
    if (Array.isArray(value)) {
      for (const item of value) visit(item, depth + 1);
      return;
    }
    const fields = value as Record<string, unknown>;
    for (const [field, child] of Object.entries(fields)) {
      if (typeof child === "string") {
        if (NAME_FIELDS.has(field)) fields[field] = tagName(child, print);
        else if (URI_FIELDS.has(field)) {
          const match = FILE_URI.exec(child);
          if (match)
            fields[field] = `${match[1]}${tagged("files", match[2] ?? "", print)}${match[3]}`;
        }
      } else if (!SKIPPED_FIELDS.has(field)) visit(child, depth + 1);
    }
  };
  visit(resource, 0);
}

/** A resource a request body names, and how to write Google's own id in its place. */
export interface NamedInBody {
  ref: ResourceRef;
  untag(): void;
}

const STORE_PREFIX = "fileSearchStores/";

/**
 * The resources a request body names, each with a way to put Google's id back in place:
 * - `cachedContent` (a generate request's, or each of a batch's inline requests');
 * - every `fileUri` of a Gemini file (other URIs — YouTube, gs://, https — belong to no key);
 * - `fileName` / `file_name` naming `files/{id}` (a batch's input file, a file to import into a
 *   File Search store);
 * - `fileSearchStoreNames` / `file_search_store_names` (the fileSearch tool of generateContent
 *   and of the Interactions API).
 */
export function resourcesInBody(body: Record<string, unknown>): NamedInBody[] {
  const found: NamedInBody[] = [];
  const visit = (value: unknown, depth: number) => {
    if (depth > 100 || typeof value !== "object" || value === null) return;
    if (Array.isArray(value)) {
      for (const item of value) visit(item, depth + 1);
      return;
    }
    const fields = value as Record<string, unknown>;
    for (const [field, child] of Object.entries(fields)) {
      if (typeof child === "string") {
        const named = namedByField(fields, field, child);
        if (named) found.push(named);
      } else if (
        Array.isArray(child) &&
        (field === "fileSearchStoreNames" || field === "file_search_store_names")
      ) {
        child.forEach((name, index) => {
          if (typeof name !== "string" || !name.startsWith(STORE_PREFIX)) return;
          const ref = resourceRef("fileSearchStores", name.slice(STORE_PREFIX.length));
          found.push({ ref, untag: () => (child[index] = `${STORE_PREFIX}${ref.id}`) });
        });
      } else visit(child, depth + 1);
    }
  };
  visit(body, 0);
  return found;
}

function namedByField(
  fields: Record<string, unknown>,
  field: string,
  value: string,
): NamedInBody | null {
  if (field === "cachedContent" && value.startsWith("cachedContents/")) {
    const ref = resourceRef("cachedContents", value.slice("cachedContents/".length));
    return { ref, untag: () => (fields[field] = `cachedContents/${ref.id}`) };
  }
  if (field === "fileUri") {
    const match = FILE_URI.exec(value);
    if (!match) return null;
    const ref = resourceRef("files", match[2] ?? "");
    return { ref, untag: () => (fields[field] = `${match[1]}${ref.id}${match[3]}`) };
  }
  if ((field === "fileName" || field === "file_name") && value.startsWith("files/")) {
    const ref = resourceRef("files", value.slice("files/".length));
    return { ref, untag: () => (fields[field] = `files/${ref.id}`) };
  }
  return null;
}

/** Whether a body's text may name a resource at all: the cheap test before any walk. */
export const mayNameResources = (text: string) =>
  text.includes("cachedContents/") ||
  text.includes("/files/") ||
  text.includes('"files/') ||
  text.includes(STORE_PREFIX);
