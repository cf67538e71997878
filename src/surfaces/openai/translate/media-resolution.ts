import type { ChatCompletionMessageParam } from "openai/resources/chat/completions";

const RESOLUTIONS = { low: "MEDIA_RESOLUTION_LOW", high: "MEDIA_RESOLUTION_HIGH" } as const;

/**
 * OpenAI's per-image `image_url.detail` → Gemini's request-wide generationConfig.mediaResolution
 * (MEDIA_RESOLUTION_LOW / _HIGH, GenerationConfig in the v1beta protos). Gemini has one setting
 * per request, so `high` on any image wins over `low`; `auto` (or none) leaves Gemini's default.
 */
export function toMediaResolution(
  messages: readonly ChatCompletionMessageParam[],
): (typeof RESOLUTIONS)[keyof typeof RESOLUTIONS] | undefined {
  let wanted: "low" | "high" | undefined;
  for (const message of messages) {
    if (message.role !== "user" || typeof message.content === "string") continue;
    for (const part of message.content) {
      if (part.type !== "image_url") continue;
      const detail = part.image_url.detail;
      if (detail === "high") return RESOLUTIONS.high;
      if (detail === "low") wanted = "low";
    }
  }
  return wanted && RESOLUTIONS[wanted];
}
