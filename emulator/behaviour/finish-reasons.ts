/**
 * How each finish reason looks on a candidate. Reasons and meanings: Candidate.FinishReason in
 * Google's v1beta protos and @google/genai's FinishReason; MISSING_THOUGHT_SIGNATURE and
 * MALFORMED_RESPONSE from the Gemini API reference (newer than both packages). finishMessage texts
 * as reported from the real API (see emulator/README.md).
 */
export interface FinishShape {
  /** What is left of the answer: all of it, the first half, or nothing (`content: {}` or none). */
  content: "full" | "half" | "empty-object" | "none";
  finishMessage?: (functionName: string) => string;
  /** Safety ratings with `blocked: true` on the candidate. */
  blockedRating?: boolean;
  citation?: boolean;
}

export const FINISH_REASONS: Record<string, FinishShape> = {
  STOP: { content: "full" },
  MAX_TOKENS: { content: "half" },
  SAFETY: { content: "none", blockedRating: true },
  RECITATION: { content: "half", citation: true },
  LANGUAGE: { content: "none" },
  OTHER: { content: "none" },
  BLOCKLIST: { content: "none" },
  PROHIBITED_CONTENT: { content: "none" },
  SPII: { content: "none" },
  MALFORMED_FUNCTION_CALL: {
    content: "empty-object",
    finishMessage: (name) => `Malformed function call: print(default_api.${name}(query="echo"`,
  },
  IMAGE_SAFETY: { content: "none" },
  IMAGE_PROHIBITED_CONTENT: { content: "none" },
  IMAGE_RECITATION: { content: "none" },
  IMAGE_OTHER: { content: "none" },
  NO_IMAGE: { content: "none" },
  UNEXPECTED_TOOL_CALL: {
    content: "empty-object",
    finishMessage: (name) =>
      `Unexpected tool call: Model tried to call an undeclared function: ${name}`,
  },
  TOO_MANY_TOOL_CALLS: { content: "none" },
  MISSING_THOUGHT_SIGNATURE: { content: "none" },
  MALFORMED_RESPONSE: { content: "none" },
};

/**
 * promptFeedback.blockReason values (BlockReason in the protos, BlockedReason in @google/genai;
 * MODEL_ARMOR and JAILBREAK are marked there as not sent by the Gemini API, and issue 20 reports
 * them from the Gemini API — the emulator can send them so the gateway's mapping is exercised).
 */
export const BLOCK_REASONS = [
  "SAFETY",
  "OTHER",
  "BLOCKLIST",
  "PROHIBITED_CONTENT",
  "IMAGE_SAFETY",
  "MODEL_ARMOR",
  "JAILBREAK",
];
