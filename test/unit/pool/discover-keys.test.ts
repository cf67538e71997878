import { describe, expect, it } from "vitest";
import { discoverKeys } from "../../../src/pool/discover-keys.ts";

describe("discoverKeys", () => {
  it("finds KEY<digits> variables in numeric order, skipping empty values and other names", () => {
    const keys = discoverKeys({
      KEY10: "ten",
      KEY2: "two",
      KEY1: "one",
      KEY3: "  ",
      KEYS: "not-a-key",
      MYKEY4: "not-a-key",
      PASS: "secret",
    });
    expect(keys).toEqual([
      { index: 1, value: "one" },
      { index: 2, value: "two" },
      { index: 10, value: "ten" },
    ]);
  });

  it("counts a value that appears under two names once", () => {
    expect(discoverKeys({ KEY1: "same", KEY2: "same", KEY3: "other" })).toEqual([
      { index: 1, value: "same" },
      { index: 3, value: "other" },
    ]);
  });
});
