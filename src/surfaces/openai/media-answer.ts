import { ApiError, badRequest } from "../../../common/api-error.ts";
import type { GeminiBlob, GeminiGenerateContentResponse } from "../../gemini/types.ts";

/**
 * Block and finish reasons that mean Gemini refused the content (promptFeedback.blockReason,
 * Candidate.FinishReason in @google/genai): the client's request, so a 400 in OpenAI's shape
 * with code `content_policy_violation`, as OpenAI answers a refused image prompt.
 */
const REFUSALS = new Set([
  "SAFETY",
  "BLOCKLIST",
  "PROHIBITED_CONTENT",
  "SPII",
  "RECITATION",
  "IMAGE_SAFETY",
  "IMAGE_PROHIBITED_CONTENT",
  "IMAGE_RECITATION",
  "OTHER",
]);

/** The last media part (not a thought: Gemini 3 image models show draft images as thoughts). */
export function lastMediaPart(
  response: GeminiGenerateContentResponse,
  kind: "image" | "audio",
): GeminiBlob | null {
  const parts = response.candidates?.[0]?.content?.parts ?? [];
  for (let index = parts.length - 1; index >= 0; index--) {
    const part = parts[index];
    if (part?.thought) continue;
    if (part?.inlineData?.mimeType.toLowerCase().startsWith(`${kind}/`)) return part.inlineData;
  }
  return null;
}

/**
 * Why an answer has no media: Gemini's refusal as the client's 400 with the reason, or — when
 * Gemini finished without one for no stated safety reason — a 502 with what it said instead.
 */
export function missingMediaError(
  response: GeminiGenerateContentResponse,
  what: "an image" | "audio",
): ApiError {
  const block = response.promptFeedback?.blockReason;
  if (block) {
    const detail = response.promptFeedback?.blockReasonMessage;
    return refused(`Gemini blocked the prompt (${block})${detail ? `: ${detail}` : "."}`);
  }
  const candidate = response.candidates?.[0];
  const reason = candidate?.finishReason;
  const message = candidate?.finishMessage;
  if (reason && REFUSALS.has(reason)) {
    return refused(
      `Gemini refused to make ${what} (finish reason ${reason})${message ? `: ${message}` : "."}`,
    );
  }
  const text = (candidate?.content?.parts ?? [])
    .filter((part) => part.text && !part.thought)
    .map((part) => part.text)
    .join(" ")
    .slice(0, 500);
  return new ApiError(
    502,
    `Gemini answered without ${what} (finish reason ${reason ?? "none"})${text ? `; it said: ${text}` : "."}`,
    { type: "api_error", code: "upstream_no_media" },
  );
}

const refused = (message: string) => badRequest(null, message, "content_policy_violation");

/** usageMetadata with the per-modality details Gemini sends (@google/genai GenerateContentResponseUsageMetadata). */
export interface MediaUsageMetadata {
  promptTokenCount?: number;
  candidatesTokenCount?: number;
  thoughtsTokenCount?: number;
  totalTokenCount?: number;
  promptTokensDetails?: { modality?: string; tokenCount?: number }[];
  candidatesTokensDetails?: { modality?: string; tokenCount?: number }[];
}

export const usageOf = (response: GeminiGenerateContentResponse) =>
  response.usageMetadata as MediaUsageMetadata | undefined;

/** Tokens of one modality in a details list. */
export const modalityTokens = (
  details: MediaUsageMetadata["promptTokensDetails"],
  modality: string,
) =>
  (details ?? [])
    .filter((detail) => detail.modality === modality)
    .reduce((sum, detail) => sum + (detail.tokenCount ?? 0), 0);
