import { FALLBACK_IMAGE_MODEL, imageModelFacts } from "../../../gemini/image-models.ts";
import type { InlineMedia } from "../../../media/data-url.ts";
import { toGeminiMediaModel } from "../media-model.ts";
import type { ImageRequest } from "./image-request.ts";
import { parseSize, toImageShape } from "./image-size.ts";
import { type GeminiImageCall, toGeminiImageRequest } from "./to-gemini-image.ts";

/**
 * An images request → the Gemini call that makes one of its images. OpenAI model names (and
 * none) take DEFAULT_IMAGE_MODEL; `quality: high` or `hd` asks for at least 2K where the model
 * makes it (Gemini has no quality setting; size is the nearest thing).
 */
export function toGeminiImageCall(
  request: ImageRequest,
  images: readonly InlineMedia[],
  configuredModel: unknown,
): GeminiImageCall {
  const model = toGeminiMediaModel(
    request.model,
    configuredModel,
    FALLBACK_IMAGE_MODEL,
    "DEFAULT_IMAGE_MODEL",
  );
  const high = request.quality === "high" || request.quality === "hd";
  const shape = toImageShape(
    parseSize(request.size),
    imageModelFacts(model),
    high ? "2K" : undefined,
  );
  return { model, body: toGeminiImageRequest(request.prompt, images, shape) };
}

/** The `quality` the answer reports: OpenAI's three levels only. */
export function reportedQuality(quality: string | undefined): string | undefined {
  if (quality === "hd") return "high";
  if (quality === "standard") return "medium";
  return quality === "low" || quality === "medium" || quality === "high" ? quality : undefined;
}
