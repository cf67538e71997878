/** A source of uniform numbers in [0, 1), like Math.random; injectable for tests. */
export type RandomSource = () => number;

/**
 * Picks one candidate with probability proportional to its weight. Pure apart from `random`,
 * which must be called per request (Workers forbid randomness at global scope).
 * Returns undefined when there is nothing to choose from.
 */
export function chooseBackend<Candidate extends { weight: number }>(
  candidates: readonly Candidate[],
  random: RandomSource = Math.random,
): Candidate | undefined {
  const total = candidates.reduce((sum, candidate) => sum + Math.max(candidate.weight, 0), 0);
  if (candidates.length === 0) return undefined;
  if (!(total > 0)) return candidates[Math.floor(random() * candidates.length)];
  let point = random() * total;
  for (const candidate of candidates) {
    point -= Math.max(candidate.weight, 0);
    if (point < 0) return candidate;
  }
  // Rounding can leave a sliver past the last boundary; it belongs to the last weighted candidate.
  return candidates.findLast((candidate) => candidate.weight > 0);
}
