import { ApiError, badRequest } from "../../../../common/api-error.ts";
import { bytesToBase64 } from "../../../../common/base64.ts";
import type {
  GeminiBatchEmbedRequest,
  GeminiBatchEmbedResponse,
  GeminiEmbedContentRequest,
} from "../../../gemini/types.ts";
import type { OpenAIEmbeddingRequest, OpenAIEmbeddingResponse } from "./openai-types.ts";

/** Gemini's batchEmbedContents takes at most this many texts. */
export const MAX_BATCH_SIZE = 100;

export interface EmbeddingContext {
  /** The model name the client asked for. */
  model: string;
  encodingFormat: "float" | "base64";
  inputs: string[];
  /**
   * The client's `dimensions`: Gemini truncates to it (Matryoshka) without normalizing — only
   * gemini-embedding-001's full 3072 values are unit length
   * (https://ai.google.dev/gemini-api/docs/embeddings#quality-for-smaller-dimensions) — while
   * OpenAI clients take embeddings as unit vectors (cosine = dot product). Such vectors are
   * normalized here.
   */
  dimensions?: number;
}

/** OpenAI embedding input → batchEmbedContents bodies of ≤100 texts each, order kept. */
export function toGeminiEmbedBatches(
  request: OpenAIEmbeddingRequest,
  model: string,
): GeminiBatchEmbedRequest[] {
  const inputs = toInputs(request.input);
  const batches: GeminiBatchEmbedRequest[] = [];
  for (let start = 0; start < inputs.length; start += MAX_BATCH_SIZE) {
    const requests = inputs.slice(start, start + MAX_BATCH_SIZE).map((text) => {
      const embed: GeminiEmbedContentRequest = {
        model: `models/${model}`,
        content: { parts: [{ text }] },
      };
      if (request.dimensions !== undefined) embed.outputDimensionality = request.dimensions;
      return embed;
    });
    batches.push({ requests });
  }
  return batches;
}

/** Batch responses (in order) → one OpenAI embeddings response. */
export function fromGeminiEmbeddings(
  batches: GeminiBatchEmbedResponse[],
  context: EmbeddingContext,
): OpenAIEmbeddingResponse {
  const vectors = batches.flatMap((batch) => batch.embeddings ?? []);
  if (vectors.length !== context.inputs.length) {
    throw new ApiError(
      502,
      `Gemini returned ${vectors.length} embeddings for ${context.inputs.length} inputs.`,
      { type: "api_error", code: "upstream_bad_response" },
    );
  }
  let promptTokens = 0;
  for (const [position, batch] of batches.entries()) {
    const counted = batch.usageMetadata?.promptTokenCount;
    const texts = context.inputs.slice(position * MAX_BATCH_SIZE, (position + 1) * MAX_BATCH_SIZE);
    promptTokens += counted ?? texts.reduce((sum, text) => sum + Math.ceil(text.length / 4), 0);
  }
  return {
    object: "list",
    data: vectors.map((vector, index) => {
      const raw = vector.values ?? [];
      const values = context.dimensions === undefined ? raw : normalize(raw);
      const embedding = context.encodingFormat === "base64" ? toFloat32Base64(values) : values;
      return { object: "embedding", index, embedding };
    }),
    model: context.model,
    usage: { prompt_tokens: promptTokens, total_tokens: promptTokens },
  };
}

function toInputs(input: unknown): string[] {
  const inputs = typeof input === "string" ? [input] : input;
  if (!Array.isArray(inputs) || inputs.some((item) => typeof item !== "string")) {
    throw badRequest(
      "input",
      "Invalid value for 'input': Gemini embeds text only; send a string or an array of strings, not tokens.",
    );
  }
  if (inputs.length === 0)
    throw badRequest("input", "Invalid value for 'input': it must not be empty.");
  return inputs as string[];
}

/** The vector scaled to length 1 (a zero vector stays as it is). */
export function normalize(values: number[]): number[] {
  let sum = 0;
  for (const value of values) sum += value * value;
  const length = Math.sqrt(sum);
  return length === 0 ? values : values.map((value) => value / length);
}

/** Little-endian float32 bytes, base64 — what OpenAI sends for encoding_format "base64". */
function toFloat32Base64(values: number[]): string {
  const view = new DataView(new ArrayBuffer(values.length * 4));
  for (const [index, value] of values.entries()) view.setFloat32(index * 4, value, true);
  return bytesToBase64(new Uint8Array(view.buffer));
}
