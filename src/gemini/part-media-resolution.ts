import type {
  GeminiContent,
  GeminiGenerateContentRequest,
  GeminiPart,
  GeminiPartMediaResolution,
} from "./types.ts";

/**
 * Media resolution per part, and what becomes of it on a model that takes only the request-wide
 * one. Gemini 3 and 4 take `mediaResolution: {level}` on each media part — LOW, MEDIUM, HIGH and
 * ULTRA_HIGH, the last per part only — while every multimodal model takes one request-wide
 * generationConfig.mediaResolution of LOW, MEDIUM or HIGH
 * (https://ai.google.dev/gemini-api/docs/generate-content/media-resolution). The surfaces put the
 * client's per-image detail on its part; for a model without per-part resolution (the model
 * table's `partMediaResolution`) the parts lose it and the request takes the highest level asked
 * (ULTRA_HIGH as HIGH), unless the client set a request-wide one itself.
 */

/** OpenAI's `detail` (chat image_url, Responses input_image) → a part's level; auto → none. */
const DETAIL_LEVELS: Readonly<Record<string, GeminiPartMediaResolution>> = {
  low: "MEDIA_RESOLUTION_LOW",
  high: "MEDIA_RESOLUTION_HIGH",
  // Responses' "original": the image as sent, as finely as Gemini reads any image.
  original: "MEDIA_RESOLUTION_ULTRA_HIGH",
};

/** The `mediaResolution` field for an image part with OpenAI's `detail`, or nothing. */
export function partResolutionFor(
  detail: string | null | undefined,
): Pick<GeminiPart, "mediaResolution"> {
  const level = detail ? DETAIL_LEVELS[detail] : undefined;
  return level ? { mediaResolution: { level } } : {};
}

/** Every part level Gemini knows, lowest first (test/unit/gemini/sdk-drift.test.ts checks it). */
export const PART_RESOLUTION_LEVELS: readonly GeminiPartMediaResolution[] = [
  "MEDIA_RESOLUTION_LOW",
  "MEDIA_RESOLUTION_MEDIUM",
  "MEDIA_RESOLUTION_HIGH",
  "MEDIA_RESOLUTION_ULTRA_HIGH",
];
/** The request-wide levels (GenerationConfig.MediaResolution): no ULTRA_HIGH. */
const REQUEST_LEVELS = PART_RESOLUTION_LEVELS.slice(0, 3);

const rank = (level: string | undefined) => PART_RESOLUTION_LEVELS.indexOf(level as never);

/**
 * The body with every part's mediaResolution moved to the request-wide setting, and what that
 * setting became ("dropped" when the client's own request-wide setting stays); null when no part
 * carries one (the body is then left as it is).
 */
export function toRequestWideResolution(
  body: GeminiGenerateContentRequest,
): { body: GeminiGenerateContentRequest; level: string } | null {
  let highest = -1;
  let found = false;
  const strip = (content: GeminiContent): GeminiContent => {
    if (!content.parts.some((part) => part.mediaResolution !== undefined)) return content;
    found = true;
    return {
      ...content,
      parts: content.parts.map((part) => {
        if (part.mediaResolution === undefined) return part;
        const { mediaResolution, ...rest } = part;
        highest = Math.max(highest, rank(mediaResolution.level));
        return rest;
      }),
    };
  };
  const contents = body.contents?.map(strip);
  const systemInstruction = body.systemInstruction && strip(body.systemInstruction);
  if (!found) return null;
  const next: GeminiGenerateContentRequest = {
    ...body,
    ...(contents ? { contents } : {}),
    ...(systemInstruction ? { systemInstruction } : {}),
  };
  const own = body.generationConfig?.mediaResolution;
  const level = REQUEST_LEVELS[Math.min(highest, 2)];
  if (own !== undefined || !level) return { body: next, level: "dropped" };
  next.generationConfig = { ...body.generationConfig, mediaResolution: level };
  return { body: next, level };
}
