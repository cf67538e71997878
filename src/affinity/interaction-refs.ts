import { readTag, tagId } from "../../common/resource-tag.ts";
import { type ResourceRef, resourceRef } from "./resource-owner.ts";
import { FILE_URI, type NamedInBody, resourcesInBody } from "./tag-resources.ts";

/**
 * Key affinity for the Interactions API. An interaction lives in the project of the key that
 * made it, so its id carries that key's tag (common/resource-tag.ts) wherever the gateway hands
 * it out — the Interaction's `id`, `previous_interaction_id`, and in a stream the lifecycle
 * events' `interaction.id` and `interaction_id` — and so does a `continuation_token` (a long
 * decode resumes only where it started). A request naming them goes to that key with the tags
 * removed.
 */

/** Tags an Interaction resource's ids (in place). */
export function tagInteraction(resource: unknown, print: string): void {
  if (typeof resource !== "object" || resource === null) return;
  const fields = resource as Record<string, unknown>;
  for (const field of ["id", "previous_interaction_id", "continuation_token"]) {
    const value = fields[field];
    if (typeof value === "string" && value !== "") fields[field] = tagId(value, print);
  }
}

/**
 * Tags the ids an Interactions SSE event carries (in place): the partial interaction of
 * `interaction.created` / `interaction.completed`, a status update's `interaction_id` and
 * `continuation_token`. Steps' own ids (a function call's `id`) are not interactions: untouched.
 */
export function tagInteractionEvent(event: unknown, print: string): void {
  if (typeof event !== "object" || event === null) return;
  const fields = event as Record<string, unknown>;
  tagInteraction(fields.interaction, print);
  for (const field of ["interaction_id", "continuation_token"]) {
    const value = fields[field];
    if (typeof value === "string" && value !== "") fields[field] = tagId(value, print);
  }
}

/** A continuation token as a ref: it is no resource of its own, but its tag names its key. */
function tokenRef(token: string): ResourceRef | null {
  const tag = readTag(token);
  if (!tag) return null;
  return { collection: "interactions", name: "continuation_token", id: tag.id, print: tag.print };
}

/**
 * What a create-interaction body names, each with a way to write Google's own id in its place:
 * `previous_interaction_id`, a tagged `continuation_token`, `cached_content`, every Gemini
 * file named by a content block's `uri` (anywhere in `input`), and the File Search stores a
 * `file_search` tool names. Other URIs are left alone.
 */
export function resourcesInInteraction(body: Record<string, unknown>): NamedInBody[] {
  const found: NamedInBody[] = [];
  const previous = body.previous_interaction_id;
  if (typeof previous === "string" && previous !== "") {
    const ref = resourceRef("interactions", previous);
    found.push({ ref, untag: () => (body.previous_interaction_id = ref.id) });
  }
  const token = body.continuation_token;
  const tokenOwner = typeof token === "string" ? tokenRef(token) : null;
  if (tokenOwner) {
    found.push({ ref: tokenOwner, untag: () => (body.continuation_token = tokenOwner.id) });
  }
  const cached = body.cached_content;
  if (typeof cached === "string" && cached.startsWith("cachedContents/")) {
    const ref = resourceRef("cachedContents", cached.slice("cachedContents/".length));
    found.push({ ref, untag: () => (body.cached_content = `cachedContents/${ref.id}`) });
  }
  const visit = (value: unknown, depth: number) => {
    if (depth > 100 || typeof value !== "object" || value === null) return;
    if (Array.isArray(value)) {
      for (const item of value) visit(item, depth + 1);
      return;
    }
    const fields = value as Record<string, unknown>;
    for (const [field, child] of Object.entries(fields)) {
      if (field === "uri" && typeof child === "string") {
        const match = FILE_URI.exec(child);
        if (!match) continue;
        const ref = resourceRef("files", match[2] ?? "");
        found.push({ ref, untag: () => (fields.uri = `${match[1]}${ref.id}${match[3]}`) });
      } else visit(child, depth + 1);
    }
  };
  visit(body.input, 0);
  // A file_search tool names File Search stores: `{"type": "file_search", "file_search_store_names": [...]}`.
  if (Array.isArray(body.tools)) {
    const stores = resourcesInBody({ tools: body.tools });
    found.push(...stores.filter((named) => named.ref.collection === "fileSearchStores"));
  }
  return found;
}
