import { DUMMY_THOUGHT_SIGNATURE } from "../../../gemini/tool-call-id.ts";

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * The signature a thinking block carries: Gemini's thoughtSignature for the step, or Google's
 * documented placeholder when Gemini gave none (Anthropic's clients expect one on every block).
 */
export const toThinkingSignature = (signature: string | undefined) =>
  signature || DUMMY_THOUGHT_SIGNATURE;

/**
 * Whether a thinking block's signature is worth sending back: a real Gemini signature (base64),
 * not the placeholder (added again only where Gemini requires one) and not other text.
 */
export const isReplayableSignature = (signature: string) =>
  signature !== DUMMY_THOUGHT_SIGNATURE && signature.length % 4 === 0 && BASE64.test(signature);
