import { describe, expect, it } from "vitest";
import { redactSecrets } from "../../../common/key-fingerprint.ts";

describe("redactSecrets", () => {
  it("redacts keys of any length, even one or two characters", () => {
    expect(redactSecrets("key k1 and x were used", ["k1", "x"])).toBe(
      "key [redacted] and [redacted] were used",
    );
  });

  it("redacts the longer of two overlapping keys whole, and never redacts its own placeholder", () => {
    expect(redactSecrets("AIzaSECRET AIza", ["AIza", "AIzaSECRET", "e", "d"])).toBe(
      "[redacted] [redacted]",
    );
  });

  it("treats keys as text, not patterns", () => {
    expect(redactSecrets("a.b a+b (x)", ["a+b", "(x)"])).toBe("a.b [redacted] [redacted]");
  });

  it("leaves text without secrets and ignores empty secrets", () => {
    expect(redactSecrets("nothing here", ["", "zzz"])).toBe("nothing here");
  });
});
