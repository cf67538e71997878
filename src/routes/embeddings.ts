import type { Context } from "hono";
import { callGeminiJson } from "../gemini/client.ts";
import { geminiTargetFrom } from "../gemini/target.ts";
import type { GeminiBatchEmbedResponse } from "../gemini/types.ts";
import type { AppEnv } from "../http/app-env.ts";
import { readJsonBody } from "../http/read-json-body.ts";
import { withKeyFailover } from "../keys/key-failover.ts";
import { toGeminiEmbeddingModel } from "../translate/embedding-model-name.ts";
import { fromGeminiEmbeddings, toGeminiEmbedBatches } from "../translate/embeddings.ts";
import { parseEmbeddingRequest } from "../validate/embedding-request.ts";

/**
 * `POST /v1/embeddings`. Gemini takes at most 100 texts per batch call, so larger inputs go out as
 * several batches, one after another (each with its own key choice), and are reassembled in order.
 */
export async function embeddings(c: Context<AppEnv>) {
  const request = parseEmbeddingRequest(await readJsonBody(c));
  const model = toGeminiEmbeddingModel(request.model, c.env.DEFAULT_EMBEDDING_MODEL);
  const { keys, target } = geminiTargetFrom(c.env);
  const responses: GeminiBatchEmbedResponse[] = [];
  for (const batch of toGeminiEmbedBatches(request, model)) {
    const response = await withKeyFailover(
      keys,
      (key) =>
        callGeminiJson<GeminiBatchEmbedResponse>(target, key, {
          path: `models/${model}:batchEmbedContents`,
          body: batch,
        }),
      c.var.attempts,
    );
    responses.push(response);
  }
  const inputs = typeof request.input === "string" ? [request.input] : request.input;
  return c.json(
    fromGeminiEmbeddings(responses, {
      model: request.model,
      encodingFormat: request.encoding_format ?? "float",
      inputs: inputs as string[],
    }),
  );
}
