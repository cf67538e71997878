import type { Context } from "hono";
import { parseModelId } from "../../gemini/model-id.ts";
import type { GeminiBatchEmbedResponse } from "../../gemini/types.ts";
import type { AppEnv } from "../../http/app-env.ts";
import { readJsonBody } from "../../http/read-json-body.ts";
import { poolFor } from "../../pool/pool-from-env.ts";
import { mapInOrder } from "./map-in-order.ts";
import { toGeminiEmbeddingModel } from "./translate/embedding-model-name.ts";
import {
  type EmbeddingContext,
  embeddingsJsonPieces,
  fromGeminiEmbedBatch,
  toGeminiEmbedBatches,
} from "./translate/embeddings.ts";
import { parseEmbeddingRequest } from "./validate/embedding-request.ts";

/**
 * Batches of one request in flight at once: a Worker may keep 6 connections open per request,
 * and each batch of 100 × 3,072 floats is ~6.6 MB of JSON while it is read and parsed.
 */
export const EMBED_BATCHES_IN_FLIGHT = 2;

/**
 * `POST /v1/embeddings`. Gemini takes at most 100 texts per batch call, so larger inputs go out as
 * several batches — at most EMBED_BATCHES_IN_FLIGHT at a time, each with its own key choice and
 * failover — and come back in order. Every batch is answered before the response starts, so a
 * failure is a whole error answer; the JSON is then written embedding by embedding, never held
 * whole (2,048 × 3,072 floats are ~130 MB of text).
 */
export async function embeddings(c: Context<AppEnv>) {
  const request = parseEmbeddingRequest(await readJsonBody(c));
  const model = parseModelId(toGeminiEmbeddingModel(request.model, c.env.DEFAULT_EMBEDDING_MODEL));
  const pool = poolFor(c);
  const inputs = typeof request.input === "string" ? [request.input] : request.input;
  const context: EmbeddingContext = {
    model: request.model,
    encodingFormat: request.encoding_format ?? "float",
    inputs: inputs as string[],
    ...(request.dimensions !== undefined && { dimensions: request.dimensions }),
  };
  const answers = await mapInOrder(
    toGeminiEmbedBatches(request, model),
    EMBED_BATCHES_IN_FLIGHT,
    async (batch, position) => {
      const response = await pool.json<GeminiBatchEmbedResponse>({
        kind: "model-method",
        model,
        method: "batchEmbedContents",
        body: batch,
      });
      return fromGeminiEmbedBatch(response, position, context);
    },
  );
  const pieces = embeddingsJsonPieces(answers, request.model);
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = pieces.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
  });
  return new Response(body, { headers: { "content-type": "application/json" } });
}
