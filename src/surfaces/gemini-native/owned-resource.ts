import type { Context } from "hono";
import { badRequest } from "../../../common/api-error.ts";
import { keyPrints } from "../../affinity/key-prints.ts";
import { ownerOf, type ResourceRef } from "../../affinity/resource-owner.ts";
import type { GeminiCall } from "../../gemini/client.ts";
import type { ResourceCollection } from "../../gemini/resource-path.ts";
import type { AppEnv } from "../../http/app-env.ts";
import { poolFor } from "../../pool/pool-from-env.ts";
import { taggedAnswer } from "./resource-answer.ts";

type ResourceCall = Extract<GeminiCall, { kind: "resource" }>;

/**
 * A call about a resource one key owns (a batch, a store, its documents and operations): sent
 * with the key its tag names (or, untagged, the key whose project sees it), the answer's resource
 * names tagged with that key.
 */
export async function callOwner(
  c: Context<AppEnv>,
  ref: ResourceRef,
  call: Omit<ResourceCall, "kind">,
  collection: ResourceCollection = ref.collection,
): Promise<Response> {
  const pool = poolFor(c);
  const owner = await ownerOf(pool, ref);
  const answer = await pool.pinnedTo(owner).bytes({ kind: "resource", ...call });
  const print = (await keyPrints(pool.keys)).printOf(owner);
  return taggedAnswer(c, answer, collection, print);
}

/** Query parameters passed upstream as they are, each checked against its pattern (400 otherwise). */
export function checkedQuery(
  c: Context<AppEnv>,
  allowed: Readonly<Record<string, RegExp>>,
): Record<string, string> {
  const query: Record<string, string> = {};
  for (const [name, pattern] of Object.entries(allowed)) {
    const value = c.req.query(name);
    if (value === undefined) continue;
    if (!pattern.test(value)) throw badRequest(name, `${name} has an invalid value.`);
    query[name] = value;
  }
  return query;
}

/** `{id}:{verb}` split at its last colon; `verb` is "" for a plain id. */
export function splitVerb(target: string): { id: string; verb: string } {
  const colon = target.lastIndexOf(":");
  return colon === -1
    ? { id: target, verb: "" }
    : { id: target.slice(0, colon), verb: target.slice(colon + 1) };
}

export const PAGE_QUERY = { pageSize: /^\d{1,4}$/, pageToken: /^[A-Za-z0-9_=+/.-]{1,4096}$/ };
