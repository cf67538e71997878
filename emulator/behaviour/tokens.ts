import type { Content, Part } from "../validate/request-shapes.ts";

/**
 * A deterministic stand-in for Gemini's tokenizer: one token per word, 258 per media part — or,
 * with a per-part `mediaResolution` (Gemini 3 and later), what Gemini 3 spends on an image at
 * that level: 280 / 560 / 1,120 / 2,240 (the token table of
 * https://ai.google.dev/gemini-api/docs/generate-content/media-resolution as third parties quote
 * it: fastgptplus.com's Gemini 3 media_resolution guide, streamingmeme.com).
 */
export const MEDIA_TOKENS = 258;

const PART_RESOLUTION_TOKENS: Readonly<Record<string, number>> = {
  MEDIA_RESOLUTION_LOW: 280,
  MEDIA_RESOLUTION_MEDIUM: 560,
  MEDIA_RESOLUTION_HIGH: 1120,
  MEDIA_RESOLUTION_ULTRA_HIGH: 2240,
};

export const countWords = (text: string) => text.split(/\s+/).filter(Boolean).length;

export function countPartTokens(part: Part): number {
  if (part.text !== undefined) return countWords(part.text);
  if (part.inlineData || part.fileData) {
    return PART_RESOLUTION_TOKENS[part.mediaResolution?.level ?? ""] ?? MEDIA_TOKENS;
  }
  const structured = part.functionCall ?? part.functionResponse ?? part.executableCode;
  if (structured) return countWords(JSON.stringify(structured).replace(/[{}[\]",:]/g, " "));
  if (part.codeExecutionResult) return countWords(part.codeExecutionResult.output ?? "");
  return 0;
}

export interface PromptTokens {
  text: number;
  media: number;
}

export function countPromptTokens(contents: readonly Content[]): PromptTokens {
  const count: PromptTokens = { text: 0, media: 0 };
  for (const content of contents) {
    for (const part of content.parts ?? []) {
      const tokens = countPartTokens(part);
      if (part.inlineData || part.fileData) count.media += tokens;
      else count.text += tokens;
    }
  }
  if (count.text + count.media === 0) count.text = 1;
  return count;
}
