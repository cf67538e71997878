import { describe, expect, it } from "vitest";
import {
  addedPerRound,
  median,
  medianOfMedians,
  nearCeiling,
  percentile,
  ratio,
  summarize,
} from "../../../bench/stats.ts";

describe("percentile", () => {
  it("interpolates between the two nearest ranks", () => {
    expect(percentile([10, 20, 30, 40], 0.5)).toBe(25);
    expect(percentile([0, 100], 0.9)).toBeCloseTo(90);
  });

  it("answers the extremes at 0 and 1, and NaN for no samples", () => {
    expect(percentile([3, 5, 9], 0)).toBe(3);
    expect(percentile([3, 5, 9], 1)).toBe(9);
    expect(percentile([], 0.5)).toBeNaN();
  });
});

describe("summarize", () => {
  it("sorts the samples before taking p50, p90 and p99", () => {
    const samples = Array.from({ length: 101 }, (_, index) => 100 - index);
    const summary = summarize(samples);
    expect(summary).toMatchObject({ count: 101, min: 0, max: 100, p50: 50, p90: 90, p99: 99 });
    expect(summary.mean).toBe(50);
  });
});

describe("medianOfMedians", () => {
  it("ignores a single disturbed round", () => {
    const rounds = [
      [10, 11, 12],
      [10, 11, 12],
      [90, 95, 99],
    ];
    expect(medianOfMedians(rounds)).toBe(11);
  });

  it("skips empty rounds", () => {
    expect(medianOfMedians([[], [4, 6], [5]])).toBe(5);
  });
});

describe("addedPerRound", () => {
  it("pairs each round with the baseline's same round, cancelling drift", () => {
    const baseline = [
      [50, 50, 50],
      [60, 60, 60],
      [70, 70, 70],
    ];
    const path = [
      [51, 51, 51],
      [61, 61, 61],
      [71, 71, 71],
    ];
    expect(addedPerRound(path, baseline)).toBe(1);
  });

  it("answers NaN when no round has samples on both sides", () => {
    expect(addedPerRound([[1]], [[]])).toBeNaN();
  });
});

describe("ratio and nearCeiling", () => {
  it("divides finite numbers and refuses a non-positive denominator", () => {
    expect(ratio(3, 2)).toBe(1.5);
    expect(ratio(1, 0)).toBeNull();
    expect(ratio(Number.NaN, 1)).toBeNull();
  });

  it("flags values within 10% of the ceiling", () => {
    expect(nearCeiling(91, 100)).toBe(true);
    expect(nearCeiling(89, 100)).toBe(false);
    expect(nearCeiling(5, 0)).toBe(false);
  });

  it("takes the median of an even count as the midpoint", () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});
