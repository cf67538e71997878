import { describe, expect, it } from "vitest";
import { FirstArrayElement } from "../../../src/gemini/first-array-element.ts";

/** How Gemini frames streamGenerateContent without alt=sse (captured from the emulator's framing). */
const FIRST = '{\n  "candidates": [{"content": {"parts": [{"text": "a } \\" { ] [ é"}]}}]\n}';
const STREAM = `[${FIRST}\n,\r\n{\n  "candidates": []\n}\n]`;

describe("the first element of a streamed JSON array", () => {
  it("is found whole wherever the text is split, braces and quotes in strings included", () => {
    for (let cut = 0; cut <= STREAM.length; cut++) {
      const finder = new FirstArrayElement();
      const first = finder.push(STREAM.slice(0, cut)) ?? finder.push(STREAM.slice(cut));
      expect(first, `cut at ${cut}`).toBe(FIRST);
      expect(JSON.parse(first as string)).toHaveProperty("candidates");
    }
  });

  it("waits while the element is incomplete", () => {
    const finder = new FirstArrayElement();
    expect(finder.push('[{"error": {"code": 5')).toBeUndefined();
    expect(finder.push("00}}")).toBe('{"error": {"code": 500}}');
  });

  it.each([["[]"], [" [ \n ]"], ['{"not": "an array"}'], ["[1, 2]"], ['["text"]']])(
    "answers null for %j (no object first)",
    (text) => {
      expect(new FirstArrayElement().push(text)).toBeNull();
    },
  );
});
