/**
 * What Gemini's image models make: the aspect ratios and image sizes (`imageConfig`) each takes,
 * and the pixels each pair gives. Read by the OpenAI images surface to turn `size` into the
 * nearest ratio and size the model offers. A model not listed (a newer one) is sent the
 * ten common ratios and 1K/2K/4K; Gemini's own answer then says what it took.
 */

export type ImageSize = "512" | "1K" | "2K" | "4K";

export interface ImageModelFacts {
  /** `imageConfig.aspectRatio` values the model takes. */
  aspectRatios: readonly string[];
  /** `imageConfig.imageSize` values the model takes; one entry = the field is not sent. */
  imageSizes: readonly ImageSize[];
  /** Width × height at 1K per aspect ratio; 2K and 4K are twice and four times, 512 half. */
  pixels1K: Readonly<Record<string, readonly [number, number]>>;
}

/** The ten ratios of every Gemini image model. */
const COMMON_RATIOS = ["1:1", "2:3", "3:2", "3:4", "4:3", "4:5", "5:4", "9:16", "16:9", "21:9"];

/** Gemini 3.1 Flash Image's four extra (tall and wide) ratios. */
const EXTREME_RATIOS = ["1:4", "4:1", "1:8", "8:1"];

/**
 * Gemini 3 image models at 1K: https://ai.google.dev/gemini-api/docs/image-generation
 * (resolution table; e.g. 3:2 → 1264x848, which issue 23 confirms for `size: 1536x1024`).
 */
const GEMINI_3_1K: Record<string, readonly [number, number]> = {
  "1:1": [1024, 1024],
  "2:3": [848, 1264],
  "3:2": [1264, 848],
  "3:4": [896, 1200],
  "4:3": [1200, 896],
  "4:5": [928, 1152],
  "5:4": [1152, 928],
  "9:16": [768, 1376],
  "16:9": [1376, 768],
  "21:9": [1584, 672],
  // Not in Google's table as we found it: about a megapixel at the ratio, in multiples of 16.
  "1:4": [512, 2048],
  "4:1": [2048, 512],
  "1:8": [352, 2816],
  "8:1": [2816, 352],
};

/**
 * Gemini 2.5 Flash Image makes 1K only: https://ai.google.dev/gemini-api/docs/image-generation
 * (aspect ratio table of gemini-2.5-flash-image; 16:9 → 1344x768, 4:3 → 1184x864, as
 * stabgan/openrouter-mcp-multimodal#8 measured).
 */
const GEMINI_2_5_1K: Record<string, readonly [number, number]> = {
  "1:1": [1024, 1024],
  "2:3": [832, 1248],
  "3:2": [1248, 832],
  "3:4": [864, 1184],
  "4:3": [1184, 864],
  "4:5": [896, 1152],
  "5:4": [1152, 896],
  "9:16": [768, 1344],
  "16:9": [1344, 768],
  "21:9": [1536, 672],
};

const GEMINI_3: ImageModelFacts = {
  aspectRatios: COMMON_RATIOS,
  imageSizes: ["1K", "2K", "4K"],
  pixels1K: GEMINI_3_1K,
};

const GEMINI_3_1_FLASH: ImageModelFacts = {
  aspectRatios: [...COMMON_RATIOS, ...EXTREME_RATIOS],
  imageSizes: ["512", "1K", "2K", "4K"],
  pixels1K: GEMINI_3_1K,
};

/**
 * Rows by model id. Sources: https://ai.google.dev/gemini-api/docs/image-generation (ratios and
 * sizes per model); https://ai.google.dev/gemini-api/docs/deprecations and the changelog of
 * 2026-05-28 (gemini-3-pro-image and gemini-3.1-flash-image GA, the -preview ids retired
 * 2026-06-25; gemini-2.5-flash-image retired 2026-10-02). The extreme ratios only on 3.1 Flash
 * Image: HKUDS/nanobot#4656 (third party) and Google's refusal text quoted in
 * muyouzhi6/astrbot_plugin_gitee_aiimg#37. gemini-nano-banana-2.1 (all 14 ratios at 1K/2K/4K,
 * no 512): third party only, tanstack/ai release @tanstack/ai-gemini@0.36.0.
 */
const IMAGE_MODELS: Readonly<Record<string, ImageModelFacts>> = {
  "gemini-2.5-flash-image": {
    aspectRatios: COMMON_RATIOS,
    imageSizes: ["1K"],
    pixels1K: GEMINI_2_5_1K,
  },
  "gemini-3-pro-image": GEMINI_3,
  "gemini-3-pro-image-preview": GEMINI_3,
  "gemini-3.1-flash-image": GEMINI_3_1_FLASH,
  "gemini-3.1-flash-image-preview": GEMINI_3_1_FLASH,
  "gemini-nano-banana-2.1": { ...GEMINI_3_1_FLASH, imageSizes: ["1K", "2K", "4K"] },
};

/** The facts of a model, or the common ones for a model not in the table. */
export function imageModelFacts(model: string): ImageModelFacts {
  return IMAGE_MODELS[model] ?? GEMINI_3;
}

/** Width × height of a ratio at a size, by the model's table. */
export function pixelsOf(
  facts: ImageModelFacts,
  ratio: string,
  size: ImageSize,
): readonly [number, number] {
  const [width, height] = facts.pixels1K[ratio] ?? [1024, 1024];
  const scale = size === "512" ? 0.5 : size === "2K" ? 2 : size === "4K" ? 4 : 1;
  return [Math.round(width * scale), Math.round(height * scale)];
}

/** The image model used for OpenAI model names (dall-e-3, gpt-image-1, ...). */
export const FALLBACK_IMAGE_MODEL = "gemini-3-pro-image";
