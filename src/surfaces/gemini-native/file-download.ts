import type { Context } from "hono";
import { ownerOf, resourceRef } from "../../affinity/resource-owner.ts";
import { resourcePath } from "../../gemini/resource-path.ts";
import type { AppEnv } from "../../http/app-env.ts";
import { poolFor } from "../../pool/pool-from-env.ts";
import { unknownRoute } from "./not-served.ts";
import { checkedQuery, splitVerb } from "./owned-resource.ts";
import { passOn } from "./pass-on.ts";
import { resourceByName } from "./stateful-resources.ts";

/**
 * `GET /v1beta/files/{id}` (the file's metadata) and `GET /v1beta/files/{id}:download?alt=media`
 * (its bytes; also under `/download/v1beta`, the host path of a file's `downloadUri`), sent with
 * the key that owns the file. Google serves the bytes of files it generated — a batch's result
 * file — not of uploaded ones; its refusal is passed on. @google/genai's files.download calls
 * `files/{id}:download?alt=media`. The bytes are passed on whole (a Worker holds up to 128 MB).
 */
export function fileByName(c: Context<AppEnv>) {
  const { id, verb } = splitVerb(c.req.param("id") ?? "");
  if (verb === "") return resourceByName("files", "GET")(c);
  if (verb !== "download") throw unknownRoute(c.req.method, c.req.path);
  return downloadFile(c, id);
}

async function downloadFile(c: Context<AppEnv>, id: string) {
  const ref = resourceRef("files", id);
  const pool = poolFor(c);
  const owner = await ownerOf(pool, ref);
  const answer = await pool.pinnedTo(owner).bytes({
    kind: "resource",
    method: "GET",
    path: resourcePath("files", ref.id, { verb: "download" }),
    query: { alt: "media", ...checkedQuery(c, { alt: /^(media|json)$/ }) },
  });
  return passOn(c, answer);
}
