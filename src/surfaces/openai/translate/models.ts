import type { GeminiModel } from "../../../gemini/types.ts";
import type { OpenAIModel } from "./openai-types.ts";

/** A Gemini model → OpenAI's model object (id without `models/`). */
export function fromGeminiModel(model: GeminiModel): OpenAIModel {
  return {
    id: model.name.replace(/^models\//, ""),
    object: "model",
    created: 0,
    owned_by: "google",
  };
}
