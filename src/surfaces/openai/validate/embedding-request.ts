import * as v from "valibot";
import { badRequest } from "../../../../common/api-error.ts";
import { validationError } from "../../../http/validation-error.ts";
import type { OpenAIEmbeddingRequest } from "../translate/openai-types.ts";

/** OpenAI's own limit on inputs per embeddings request. */
const MAX_INPUTS = 2048;

/** Gemini's largest output dimensionality (gemini-embedding-001). */
const MAX_DIMENSIONS = 3072;

/** Gemini rejects empty content: an empty text is the client's 400. */
const text = v.pipe(v.string(), v.minLength(1, "a non-empty string"));

const embeddingRequest = v.looseObject({
  model: v.string(),
  input: v.union([
    text,
    v.pipe(
      v.array(text),
      v.minLength(1, "a non-empty array"),
      v.maxLength(MAX_INPUTS, `at most ${MAX_INPUTS} inputs`),
    ),
  ]),
  dimensions: v.optional(
    v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_DIMENSIONS)),
  ),
  encoding_format: v.optional(v.picklist(["float", "base64"])),
  user: v.optional(v.string()),
});

/** Checks a `/v1/embeddings` body; throws a 400 ApiError naming the first bad field. */
export function parseEmbeddingRequest(body: unknown): OpenAIEmbeddingRequest {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw badRequest(null, "The request body must be a JSON object.");
  }
  const input = (body as { input?: unknown }).input;
  if (Array.isArray(input) && input.some((item) => typeof item !== "string")) {
    throw badRequest(
      "input",
      "Invalid value for 'input': Gemini embeds text only; send a string or an array of strings, not tokens.",
    );
  }
  const result = v.safeParse(embeddingRequest, body, { abortEarly: true });
  if (!result.success) throw validationError(result.issues[0]);
  return result.output as OpenAIEmbeddingRequest;
}
