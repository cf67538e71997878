import type { GeminiPool } from "../pool/gemini-pool.ts";
import { ownerOfAll } from "./resource-owner.ts";
import { mayNameResources, resourcesInBody } from "./tag-resources.ts";

/**
 * For a body that may name resources (a cache, Gemini files): the pool pinned to the key that owns
 * them and the body with Google's own ids in place of the tagged ones. A body naming none goes on
 * unchanged with the whole pool — what most requests are, decided by a substring test.
 */
export async function pinForBody(
  pool: GeminiPool,
  text: string,
): Promise<{ pool: GeminiPool; body: string }> {
  if (!mayNameResources(text)) return { pool, body: text };
  const parsed = JSON.parse(text) as Record<string, unknown>;
  const named = resourcesInBody(parsed);
  if (named.length === 0) return { pool, body: text };
  const owner = await ownerOfAll(
    pool,
    named.map((resource) => resource.ref),
  );
  for (const resource of named) resource.untag();
  return { pool: owner ? pool.pinnedTo(owner) : pool, body: JSON.stringify(parsed) };
}

/**
 * `pinForBody` for a Gemini request built by a translating surface (chat, Responses): its
 * `cachedContent` (from `extra_body.google.cached_content`), its parts' `fileData.fileUri` and
 * its fileSearch tool's stores (Responses' `file_search`) are looked at — contents, system
 * instruction and tools only, no walk of the whole request unless one is there — their tags
 * removed in place, and the pool pinned to their owner.
 */
export async function pinForRequest(pool: GeminiPool, body: object): Promise<GeminiPool> {
  const request = body as {
    cachedContent?: unknown;
    contents?: { parts?: { fileData?: { fileUri?: unknown } }[] }[];
    systemInstruction?: { parts?: { fileData?: { fileUri?: unknown } }[] };
    tools?: { fileSearch?: unknown }[];
  };
  const usesFiles = [...(request.contents ?? []), request.systemInstruction ?? {}].some((content) =>
    content.parts?.some((part) => typeof part.fileData?.fileUri === "string"),
  );
  const usesStores = request.tools?.some((tool) => tool.fileSearch !== undefined) ?? false;
  if (typeof request.cachedContent !== "string" && !usesFiles && !usesStores) return pool;
  const named = resourcesInBody(body as Record<string, unknown>);
  if (named.length === 0) return pool;
  const owner = await ownerOfAll(
    pool,
    named.map((resource) => resource.ref),
  );
  for (const resource of named) resource.untag();
  return owner ? pool.pinnedTo(owner) : pool;
}
