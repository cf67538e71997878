import type { ModelId } from "../../../gemini/model-id.ts";
import { DEFAULT_SAFETY_SETTINGS } from "../../../gemini/safety-settings.ts";
import type { GeminiGenerateContentRequest, GeminiPart } from "../../../gemini/types.ts";
import type { InlineMedia } from "../../../media/data-url.ts";
import type { ImageShape } from "./image-size.ts";

/**
 * One image as a generateContent body: the prompt, then the images to edit (Gemini edits by
 * being shown them with the instruction: https://ai.google.dev/gemini-api/docs/image-generation,
 * "image editing"), image output only (`responseModalities: ["IMAGE"]`, as documented there), and
 * the shape in `imageConfig`. One candidate: Gemini's image models refuse more, so `n` images are
 * `n` calls.
 */
export function toGeminiImageRequest(
  prompt: string,
  images: readonly InlineMedia[],
  shape: ImageShape,
): GeminiGenerateContentRequest {
  const parts: GeminiPart[] = [{ text: prompt }, ...images.map((image) => ({ inlineData: image }))];
  return {
    contents: [{ role: "user", parts }],
    safetySettings: DEFAULT_SAFETY_SETTINGS.map((setting) => ({ ...setting })),
    generationConfig: {
      responseModalities: ["IMAGE"],
      ...(Object.keys(shape).length > 0 && { imageConfig: { ...shape } }),
    },
  };
}

export interface GeminiImageCall {
  model: ModelId;
  body: GeminiGenerateContentRequest;
}
