import type { ChatCompletionTokenLogprob } from "openai/resources/chat/completions";
import type { GeminiLogprobsCandidate, GeminiLogprobsResult } from "../../../gemini/types.ts";

const encoder = new TextEncoder();

/**
 * Gemini's logprobsResult (chosenCandidates and topCandidates, one entry per decoding step) →
 * OpenAI's `logprobs.content`: one entry per chosen token with its top alternatives.
 */
export function fromGeminiLogprobs(
  result: GeminiLogprobsResult | undefined,
): ChatCompletionTokenLogprob[] | null {
  const chosen = result?.chosenCandidates;
  if (!chosen) return null;
  return chosen.map((candidate, step) => ({
    ...toTokenLogprob(candidate),
    top_logprobs: (result.topCandidates?.[step]?.candidates ?? []).map(toTokenLogprob),
  }));
}

function toTokenLogprob(candidate: GeminiLogprobsCandidate) {
  const token = candidate.token ?? "";
  return {
    token,
    logprob: candidate.logProbability ?? 0,
    bytes: [...encoder.encode(token)],
  };
}
