/**
 * Deterministic log probabilities for a text, one token per word (as the emulator counts tokens):
 * the chosen token first among `top` candidates, shaped as Candidate.logprobsResult.
 */
export function logprobsFor(text: string, top: number) {
  const tokens = text.match(/\S+\s*/g) ?? [];
  const chosen = tokens.map((token, index) => ({
    token,
    logProbability: -round(0.05 * ((index % 7) + 1)),
  }));
  const topCandidates = chosen.map((candidate, index) => ({
    candidates: [
      candidate,
      ...Array.from({ length: Math.max(0, top - 1) }, (_, rank) => ({
        token: `alt${rank + 1}_${index}`,
        logProbability: round(candidate.logProbability - (rank + 1)),
      })),
    ].slice(0, Math.max(1, top)),
  }));
  const sum = round(chosen.reduce((total, candidate) => total + candidate.logProbability, 0));
  return {
    avgLogprobs: chosen.length > 0 ? sum / chosen.length : 0,
    logprobsResult: {
      ...(top > 0 ? { topCandidates } : {}),
      chosenCandidates: chosen,
      logProbabilitySum: sum,
    },
  };
}

const round = (value: number) => Math.round(value * 1e6) / 1e6;
