import type { Context } from "hono";
import { keyPrints } from "../../affinity/key-prints.ts";
import { pinForBody } from "../../affinity/pin-for-body.ts";
import { resourceRef } from "../../affinity/resource-owner.ts";
import type { ModelId } from "../../gemini/model-id.ts";
import { resourcePath } from "../../gemini/resource-path.ts";
import type { AppEnv } from "../../http/app-env.ts";
import { poolFor } from "../../pool/pool-from-env.ts";
import { unknownRoute } from "./not-served.ts";
import { callOwner, splitVerb } from "./owned-resource.ts";
import { readJsonObjectText } from "./request-body.ts";
import { taggedAnswer } from "./resource-answer.ts";

/**
 * Batch jobs (ai.google.dev/api/batch-api) belong to the project of the key that created them.
 * `POST models/{model}:batchGenerateContent` and `:asyncBatchEmbedContent` are made with a
 * healthy key — or, when the batch names resources (its input file `inputConfig.fileName`, files
 * or a cache in its inline requests), with the key that owns them — and the long-running
 * operation Gemini answers (`batches/{id}`, its metadata's name, input and result file) is
 * tagged with that key. Get, cancel and delete go to that key by the tag.
 */
export async function createBatch(
  c: Context<AppEnv>,
  model: ModelId,
  method: "batchGenerateContent" | "asyncBatchEmbedContent",
) {
  const all = poolFor(c);
  const { pool, body } = await pinForBody(all, await readJsonObjectText(c));
  const { answer, key } = await pool.bytesFrom({
    kind: "model-method",
    model,
    method,
    body: undefined,
    rawBody: body,
    signal: c.req.raw.signal,
  });
  const print = (await keyPrints(all.keys)).printOf(key);
  return taggedAnswer(c, answer, "batches", print);
}

/** `GET` / `DELETE /v1beta/batches/{id}`. */
export const batchByName = (method: "GET" | "DELETE") => (c: Context<AppEnv>) => {
  const ref = resourceRef("batches", c.req.param("id") ?? "");
  return callOwner(c, ref, { method, path: resourcePath("batches", ref.id) });
};

/** `POST /v1beta/batches/{id}:cancel` (Gemini answers `{}`). */
export function batchAction(c: Context<AppEnv>) {
  const { id, verb } = splitVerb(c.req.param("target") ?? "");
  if (verb !== "cancel") throw unknownRoute(c.req.method, c.req.path);
  const ref = resourceRef("batches", id);
  return callOwner(c, ref, {
    method: "POST",
    path: resourcePath("batches", ref.id, { verb: "cancel" }),
  });
}
