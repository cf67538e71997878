import { describe, expect, it } from "vitest";
import { nestsDeeperThan } from "../../../common/json-depth.ts";

describe("nestsDeeperThan", () => {
  it("counts objects and arrays, not scalars", () => {
    expect(nestsDeeperThan("text", 0)).toBe(false);
    expect(nestsDeeperThan({ a: [1, { b: 2 }] }, 3)).toBe(false);
    expect(nestsDeeperThan({ a: [1, { b: {} }] }, 3)).toBe(true);
  });

  it("walks a million levels without the call stack", () => {
    const deep = JSON.parse("[".repeat(1_000_000) + "]".repeat(1_000_000));
    expect(nestsDeeperThan(deep, 100)).toBe(true);
    expect(nestsDeeperThan(JSON.parse("[".repeat(100) + "]".repeat(100)), 100)).toBe(false);
  });
});
