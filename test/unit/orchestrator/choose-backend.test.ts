import { describe, expect, it } from "vitest";
import { chooseBackend } from "../../../orchestrator/src/choose-backend.ts";

const candidates = [
  { name: "a", weight: 8 },
  { name: "b", weight: 8 },
  { name: "c", weight: 1 },
];

/** A deterministic stream of evenly spaced numbers covering [0, 1). */
function evenlySpaced(count: number) {
  let step = 0;
  return () => (step++ % count) / count + 1 / (2 * count);
}

describe("chooseBackend", () => {
  it("returns undefined when there is nothing to choose", () => {
    expect(chooseBackend([], () => 0.5)).toBeUndefined();
  });

  it("maps the random number onto cumulative weights", () => {
    expect(chooseBackend(candidates, () => 0)?.name).toBe("a");
    expect(chooseBackend(candidates, () => 7.9 / 17)?.name).toBe("a");
    expect(chooseBackend(candidates, () => 8.1 / 17)?.name).toBe("b");
    expect(chooseBackend(candidates, () => 16.1 / 17)?.name).toBe("c");
    expect(chooseBackend(candidates, () => 0.999999999)?.name).toBe("c");
  });

  it("gives each candidate a share proportional to its weight (8/8/1)", () => {
    const random = evenlySpaced(17_000);
    const counts: Record<string, number> = { a: 0, b: 0, c: 0 };
    for (let draw = 0; draw < 17_000; draw++) {
      const chosen = chooseBackend(candidates, random);
      if (chosen) counts[chosen.name] = (counts[chosen.name] ?? 0) + 1;
    }
    expect(counts).toEqual({ a: 8000, b: 8000, c: 1000 });
  });

  it("stays close to the weights with Math.random", () => {
    const counts: Record<string, number> = { a: 0, b: 0, c: 0 };
    for (let draw = 0; draw < 34_000; draw++) {
      const chosen = chooseBackend(candidates);
      if (chosen) counts[chosen.name] = (counts[chosen.name] ?? 0) + 1;
    }
    expect(counts.c).toBeGreaterThan(1600);
    expect(counts.c).toBeLessThan(2400);
    expect(counts.a).toBeGreaterThan(15_000);
  });

  it("never picks a candidate of weight 0 while another has weight", () => {
    const withZero = [
      { name: "none", weight: 0 },
      { name: "some", weight: 2 },
    ];
    for (const value of [0, 0.5, 0.999999]) {
      expect(chooseBackend(withZero, () => value)?.name).toBe("some");
    }
  });

  it("chooses uniformly when no candidate has a positive weight", () => {
    const zeros = [
      { name: "x", weight: 0 },
      { name: "y", weight: 0 },
    ];
    expect(chooseBackend(zeros, () => 0.2)?.name).toBe("x");
    expect(chooseBackend(zeros, () => 0.7)?.name).toBe("y");
  });
});
