import { invalidModelId, isModelId } from "../../../gemini/model-id.ts";

export const FALLBACK_EMBEDDING_MODEL = "gemini-embedding-001";

/**
 * The Gemini embedding model for an OpenAI embeddings request: a Gemini model name is used as it
 * is (without `models/`); an OpenAI name such as `text-embedding-3-small` maps to the default. A
 * name that breaks the model-id grammar is a 400 naming `model`, whatever it would map to.
 */
export function toGeminiEmbeddingModel(requested: string | undefined, configured?: string) {
  const name = (requested ?? "").replace(/^models\//, "");
  if (name !== "" && !isModelId(name)) throw invalidModelId(requested ?? "", "model");
  if (/^(gemini-embedding|text-embedding-0|embedding-0|text-multilingual-embedding)/.test(name)) {
    return name;
  }
  return configured || FALLBACK_EMBEDDING_MODEL;
}
