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

/** One OpenAI embedding object, as it appears in `data`. */
export type OpenAIEmbedding = OpenAIEmbeddingResponse["data"][number];

/** One batch's answer in OpenAI's terms: its embeddings (indexed in the whole request) and tokens. */
export interface EmbeddedBatch {
  data: OpenAIEmbedding[];
  promptTokens: number;
}

/**
 * The answer to the batch at `position` (of ≤100 texts, as `toGeminiEmbedBatches` cut them):
 * its vectors as OpenAI embeddings numbered in the whole request, and its tokens (Gemini's count,
 * else an estimate of ceil(chars / 4) per text). A batch with a different number of vectors than
 * texts is Gemini's fault: 502.
 */
export function fromGeminiEmbedBatch(
  batch: GeminiBatchEmbedResponse,
  position: number,
  context: EmbeddingContext,
): EmbeddedBatch {
  const first = position * MAX_BATCH_SIZE;
  const texts = context.inputs.slice(first, first + MAX_BATCH_SIZE);
  const vectors = batch.embeddings ?? [];
  if (vectors.length !== texts.length) {
    throw new ApiError(
      502,
      `Gemini returned ${vectors.length} embeddings for ${texts.length} inputs (batch ${position + 1}).`,
      { type: "api_error", code: "upstream_bad_response" },
    );
  }
  const promptTokens =
    batch.usageMetadata?.promptTokenCount ??
    texts.reduce((sum, text) => sum + Math.ceil(text.length / 4), 0);
  const data = vectors.map((vector, offset): OpenAIEmbedding => {
    const raw = vector.values ?? [];
    const values = context.dimensions === undefined ? raw : normalize(raw);
    const embedding = context.encodingFormat === "base64" ? toFloat32Base64(values) : values;
    return { object: "embedding", index: first + offset, embedding };
  });
  return { data, promptTokens };
}

/** Batch responses (in order) → one OpenAI embeddings response. */
export function fromGeminiEmbeddings(
  batches: GeminiBatchEmbedResponse[],
  context: EmbeddingContext,
): OpenAIEmbeddingResponse {
  const answers = batches.map((batch, position) => fromGeminiEmbedBatch(batch, position, context));
  const answered = answers.reduce((sum, answer) => sum + answer.data.length, 0);
  if (answered !== context.inputs.length) {
    throw new ApiError(
      502,
      `Gemini returned ${answered} embeddings for ${context.inputs.length} inputs.`,
      { type: "api_error", code: "upstream_bad_response" },
    );
  }
  return {
    object: "list",
    data: answers.flatMap((answer) => answer.data),
    model: context.model,
    usage: usageOf(answers),
  };
}

function usageOf(answers: readonly EmbeddedBatch[]): OpenAIEmbeddingResponse["usage"] {
  const tokens = answers.reduce((sum, answer) => sum + answer.promptTokens, 0);
  return { prompt_tokens: tokens, total_tokens: tokens };
}

/**
 * The same response as `fromGeminiEmbeddings` gives, as JSON text in pieces — the opening, one
 * piece per embedding, the closing — so that a large answer (2,048 × 3,072 floats are ~130 MB of
 * JSON, more than a Worker's 128 MB) is never held whole as text. Each batch's embeddings are
 * let go of (`answers[i].data` emptied) once their text has been made.
 */
export function* embeddingsJsonPieces(
  answers: EmbeddedBatch[],
  model: string,
): Generator<string, void, undefined> {
  const usage = usageOf(answers);
  yield '{"object":"list","data":[';
  let separator = "";
  for (const answer of answers) {
    for (const embedding of answer.data) {
      yield separator + JSON.stringify(embedding);
      separator = ",";
    }
    answer.data = [];
  }
  yield `],"model":${JSON.stringify(model)},"usage":${JSON.stringify(usage)}}`;
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

/** Whether this machine stores a Float32Array's elements little-endian (every Workers machine does). */
const LITTLE_ENDIAN = new Uint8Array(new Float32Array([-0]).buffer)[3] === 0x80;

/** Little-endian float32 bytes, base64 — what OpenAI sends for encoding_format "base64". */
export function toFloat32Base64(values: readonly number[]): string {
  if (LITTLE_ENDIAN) return bytesToBase64(new Uint8Array(new Float32Array(values).buffer));
  const view = new DataView(new ArrayBuffer(values.length * 4));
  for (const [index, value] of values.entries()) view.setFloat32(index * 4, value, true);
  return bytesToBase64(new Uint8Array(view.buffer));
}
