import type { Context } from "hono";
import { parseModelId } from "../../gemini/model-id.ts";
import type { GeminiBatchEmbedResponse } from "../../gemini/types.ts";
import type { AppEnv } from "../../http/app-env.ts";
import { readJsonBody } from "../../http/read-json-body.ts";
import { poolFor } from "../../pool/pool-from-env.ts";
import { toGeminiEmbeddingModel } from "./translate/embedding-model-name.ts";
import { fromGeminiEmbeddings, toGeminiEmbedBatches } from "./translate/embeddings.ts";
import { parseEmbeddingRequest } from "./validate/embedding-request.ts";

/**
 * `POST /v1/embeddings`. Gemini takes at most 100 texts per batch call, so larger inputs go out as
 * several batches, one after another (each with its own key choice), and are reassembled in order.
 */
export async function embeddings(c: Context<AppEnv>) {
  const request = parseEmbeddingRequest(await readJsonBody(c));
  const model = parseModelId(toGeminiEmbeddingModel(request.model, c.env.DEFAULT_EMBEDDING_MODEL));
  const pool = poolFor(c);
  const responses: GeminiBatchEmbedResponse[] = [];
  for (const batch of toGeminiEmbedBatches(request, model)) {
    const response = await pool.json<GeminiBatchEmbedResponse>({
      kind: "model-method",
      model,
      method: "batchEmbedContents",
      body: batch,
    });
    responses.push(response);
  }
  const inputs = typeof request.input === "string" ? [request.input] : request.input;
  return c.json(
    fromGeminiEmbeddings(responses, {
      model: request.model,
      encodingFormat: request.encoding_format ?? "float",
      inputs: inputs as string[],
      ...(request.dimensions !== undefined && { dimensions: request.dimensions }),
    }),
  );
}
