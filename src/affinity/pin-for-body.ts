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
