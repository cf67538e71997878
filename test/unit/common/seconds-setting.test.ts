import { describe, expect, it } from "vitest";
import { secondsSetting } from "../../../common/seconds-setting.ts";

describe("secondsSetting", () => {
  it.each([
    ["300", 300_000],
    ["0.25", 250],
    [" 12 ", 12_000],
  ])("reads %j as %d ms", (value, expected) => {
    expect(secondsSetting(value, 300)).toBe(expected);
  });

  it.each([undefined, "", "0", "-5", "soon", "Infinity", 42])(
    "falls back to the default for %j: a typo never disables or zeroes a timeout",
    (value) => {
      expect(secondsSetting(value, 330)).toBe(330_000);
    },
  );
});
