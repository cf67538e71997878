import type { GeminiGenerateContentResponse } from "../../../gemini/types.ts";
import { readImageDimensions } from "../../../media/image-dimensions.ts";
import { lastMediaPart, missingMediaError, modalityTokens, usageOf } from "../media-answer.ts";

/** OpenAI's ImagesResponse, as far as the gateway fills it. */
export interface OpenAIImagesResponse {
  created: number;
  data: { b64_json: string }[];
  output_format?: "png" | "jpeg" | "webp";
  size?: string;
  quality?: string;
  background?: "opaque";
  usage?: {
    input_tokens: number;
    input_tokens_details: { text_tokens: number; image_tokens: number };
    output_tokens: number;
    output_tokens_details: { text_tokens: number; image_tokens: number };
    total_tokens: number;
  };
}

const FORMATS: Record<string, "png" | "jpeg" | "webp"> = {
  "image/png": "png",
  "image/jpeg": "jpeg",
  "image/webp": "webp",
};

/**
 * Gemini's answers (one per image) → OpenAI's image response. `size` and `output_format` say
 * what Gemini made — read from the first image's header and MIME type — which may differ from
 * what was asked (1536x1024 comes as 1264x848; Gemini picks PNG or JPEG itself). `usage` adds up
 * every call's tokens when Gemini reported them. An answer without an image throws (a refusal as
 * a 400 with its reason).
 */
export function fromGeminiImages(
  responses: readonly GeminiGenerateContentResponse[],
  context: { quality?: string },
): OpenAIImagesResponse {
  const data: { b64_json: string }[] = [];
  let first: { mimeType: string; data: string } | null = null;
  for (const response of responses) {
    const image = lastMediaPart(response, "image");
    if (!image) throw missingMediaError(response, "an image");
    first ??= image;
    data.push({ b64_json: image.data });
  }
  const answer: OpenAIImagesResponse = {
    created: Math.floor(Date.now() / 1000),
    data,
    background: "opaque",
  };
  const format = first ? FORMATS[first.mimeType.toLowerCase()] : undefined;
  if (format) answer.output_format = format;
  const dimensions = first ? readImageDimensions(first.data) : null;
  if (dimensions) answer.size = `${dimensions[0]}x${dimensions[1]}`;
  if (context.quality) answer.quality = context.quality;
  const usage = toImagesUsage(responses);
  if (usage) answer.usage = usage;
  return answer;
}

function toImagesUsage(responses: readonly GeminiGenerateContentResponse[]) {
  const reported = responses.map(usageOf).filter((usage) => usage !== undefined);
  if (reported.length === 0) return undefined;
  let input = 0;
  let inputImage = 0;
  let output = 0;
  let outputImage = 0;
  for (const usage of reported) {
    input += usage.promptTokenCount ?? 0;
    inputImage += modalityTokens(usage.promptTokensDetails, "IMAGE");
    output += (usage.candidatesTokenCount ?? 0) + (usage.thoughtsTokenCount ?? 0);
    outputImage += modalityTokens(usage.candidatesTokensDetails, "IMAGE");
  }
  return {
    input_tokens: input,
    input_tokens_details: { text_tokens: input - inputImage, image_tokens: inputImage },
    output_tokens: output,
    output_tokens_details: { text_tokens: output - outputImage, image_tokens: outputImage },
    total_tokens: input + output,
  };
}
