import { describe, expect, it } from "vitest";
import { inRoundOrder } from "../../../bench/cpu-rounds.ts";

describe("inRoundOrder", () => {
  it("starts each round one target later, so every target takes every place once", () => {
    const targets = ["a", "b", "c"];
    expect([0, 1, 2, 3].map((round) => inRoundOrder(targets, round).join(""))).toEqual([
      "abc",
      "bca",
      "cab",
      "abc",
    ]);
  });

  it("leaves the targets it was given alone and copes with none", () => {
    const targets = ["a", "b"];
    inRoundOrder(targets, 1);
    expect(targets).toEqual(["a", "b"]);
    expect(inRoundOrder([], 5)).toEqual([]);
  });
});
