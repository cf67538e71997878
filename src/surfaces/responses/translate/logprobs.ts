import type { GeminiLogprobsCandidate, GeminiLogprobsResult } from "../../../gemini/types.ts";
import type { OutputTextLogprob } from "./response-types.ts";

const encoder = new TextEncoder();

/** The include value that asks for the answer's token log probabilities. */
export const LOGPROBS_INCLUDE = "message.output_text.logprobs";

/**
 * Gemini's logprobsResult (chosenCandidates and topCandidates, one entry per decoding step) →
 * the Responses `output_text.logprobs`: one entry per chosen token with its top alternatives.
 */
export function fromGeminiLogprobs(result: GeminiLogprobsResult | undefined): OutputTextLogprob[] {
  return (result?.chosenCandidates ?? []).map((candidate, step) => ({
    ...toTokenLogprob(candidate),
    top_logprobs: (result?.topCandidates?.[step]?.candidates ?? []).map(toTokenLogprob),
  }));
}

function toTokenLogprob(candidate: GeminiLogprobsCandidate) {
  const token = candidate.token ?? "";
  return { token, bytes: [...encoder.encode(token)], logprob: candidate.logProbability ?? 0 };
}
