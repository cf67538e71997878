import { describe, expect, it } from "vitest";
import { keyNames } from "../../../src/pool/key-names.ts";

describe("keyNames (KEY_NAMES)", () => {
  it("reads the user's name of each key by its fingerprint", () => {
    const names = keyNames({ KEY_NAMES: '{"a1b2c3":"KEY10","000123":"KEY2"}' });
    expect(names.get("a1b2c3")).toBe("KEY10");
    expect(names.get("000123")).toBe("KEY2");
    expect(names.size).toBe(2);
  });

  it("names nothing when KEY_NAMES is absent, empty or not a JSON object", () => {
    for (const value of [undefined, "", " ", "not json", "[]", '"KEY1"', "null", "42"]) {
      expect(keyNames({ KEY_NAMES: value }).size, String(value)).toBe(0);
    }
  });

  it("skips entries that are not a 6-hex-digit fingerprint and a short variable-like name", () => {
    const names = keyNames({
      KEY_NAMES: JSON.stringify({
        a1b2c3: "KEY10",
        A1B2C3: "KEY11",
        a1b2c3d4: "KEY12",
        d4e5f6: "<script>",
        "0a0b0c": 7,
        "1a2b3c": "K".repeat(65),
      }),
    });
    expect([...names]).toEqual([["a1b2c3", "KEY10"]]);
  });
});
