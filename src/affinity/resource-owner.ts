import { ApiError } from "../../common/api-error.ts";
import { BoundedMap } from "../../common/bounded-map.ts";
import { readTag } from "../../common/resource-tag.ts";
import type { ApiKey } from "../gemini/api-key.ts";
import { type ResourceCollection, resourcePath } from "../gemini/resource-path.ts";
import type { GeminiPool } from "../pool/gemini-pool.ts";
import { goneWithItsKey, ownedByNoKeyHere, ownersDiffer } from "./affinity-errors.ts";
import { keyPrints } from "./key-prints.ts";

/** A resource a request names: as the client wrote it, as Google knows it, and its tag's print. */
export interface ResourceRef {
  collection: ResourceCollection;
  /** `files/{tagged id}` — how messages name it to the client. */
  name: string;
  /** Google's id (the tag removed), as it goes upstream. */
  id: string;
  /** The creating key's print; null for a name without a tag. */
  print: string | null;
}

export function resourceRef(collection: ResourceCollection, taggedId: string): ResourceRef {
  const tag = readTag(taggedId);
  resourcePath(collection, taggedId); // checks the id's characters (400 otherwise)
  return {
    collection,
    name: `${collection}/${taggedId}`,
    id: tag?.id ?? taggedId,
    print: tag?.print ?? null,
  };
}

/**
 * Owners of untagged names found by asking the keys, remembered per isolate: at most this many
 * names, the least recently used forgotten first.
 */
export const MAX_REMEMBERED_OWNERS = 1000;
const rememberedOwners = new BoundedMap<string, string>(MAX_REMEMBERED_OWNERS);

const remember = (name: string, print: string) => rememberedOwners.set(name, print);

export const forgetRememberedOwners = () => rememberedOwners.clear();

/**
 * The key of this backend that owns `ref`: the one its tag names, else (a name without a tag —
 * made outside the gateway, or too long for one) the first key whose project can see it, asked
 * one by one with a GET (at most one call per key of this backend, ≤ 8) and remembered. Throws
 * when the tag's key is not here, or no key here sees the name; the orchestrator then asks the
 * backend that holds the key, or the others.
 */
export async function ownerOf(pool: GeminiPool, ref: ResourceRef): Promise<ApiKey> {
  const prints = await keyPrints(pool.keys);
  const print = ref.print ?? rememberedOwners.get(`${ref.collection}/${ref.id}`);
  if (print !== undefined) {
    const key = prints.byPrint.get(print);
    if (key) return key;
    if (ref.print !== null) throw goneWithItsKey(ref.name, print);
  }
  for (const key of pool.keys) {
    try {
      await pool.pinnedTo(key).bytes({
        kind: "resource",
        method: "GET",
        path: resourcePath(ref.collection, ref.id),
      });
    } catch (error) {
      if (error instanceof ApiError) continue;
      throw error;
    }
    remember(`${ref.collection}/${ref.id}`, prints.printOf(key));
    return key;
  }
  throw ownedByNoKeyHere(ref.name);
}

/**
 * The one key that owns every resource in `refs`: a 400 when they belong to different keys (told
 * by their tags at once, or found by asking the keys for untagged names), the
 * owner's absence answered as `ownerOf` does.
 */
export async function ownerOfAll(
  pool: GeminiPool,
  refs: readonly ResourceRef[],
): Promise<ApiKey | null> {
  // Two tags naming different keys: no key can serve it, wherever those keys are (decided before
  // any of them is looked for, so the answer is the same on every backend).
  const tagged = refs.filter((ref) => ref.print !== null);
  const other = tagged.find((ref) => ref.print !== tagged[0]?.print);
  if (tagged[0] && other) throw ownersDiffer(tagged[0].name, other.name);
  let owner: { key: ApiKey; ref: ResourceRef } | null = null;
  for (const ref of refs) {
    const key = await ownerOf(pool, ref);
    if (owner && owner.key !== key) throw ownersDiffer(owner.ref.name, ref.name);
    owner ??= { key, ref };
  }
  return owner?.key ?? null;
}
