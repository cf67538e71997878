import { describe, expect, it, vi } from "vitest";
import { cutLongStrings, parseJsonKeepingLongStrings } from "../../../src/http/long-strings.ts";

const base64 = (length: number) => "QUJD".repeat(Math.ceil(length / 4)).slice(0, length);
const imageBody = (payload: string) =>
  JSON.stringify({
    model: "gemini-2.5-flash",
    messages: [
      {
        role: "user",
        content: [
          { type: "text", text: 'a "quoted" \\ text' },
          { type: "image_url", image_url: { url: `data:image/png;base64,${payload}` } },
        ],
      },
    ],
  });

describe("parseJsonKeepingLongStrings", () => {
  it("gives what JSON.parse gives, and never hands JSON.parse the long literal", () => {
    const text = imageBody(base64(1_400_000));
    const expected = JSON.parse(text);
    const parse = vi.spyOn(JSON, "parse");
    const parsed = parseJsonKeepingLongStrings(text);
    const lengths = parse.mock.calls.map(([input]) => String(input).length);
    parse.mockRestore();
    expect(parsed).toEqual(expected);
    expect(Math.max(...lengths)).toBeLessThan(1000);
  });

  it("keeps keys, escaped literals and several long values right", () => {
    const long = base64(70_000);
    const value = {
      [long]: "a long key stays a key",
      escaped: `${long}\\n"${long}`,
      list: [long, { nested: `${long}x` }, long],
      ["__proto__"]: long,
      short: "\u0000long-string:0",
    };
    const text = JSON.stringify(value);
    expect(parseJsonKeepingLongStrings(text)).toEqual(JSON.parse(text));
    expect(Object.getPrototypeOf(parseJsonKeepingLongStrings(text))).toBe(Object.prototype);
  });

  it("throws as JSON.parse does on bad JSON", () => {
    const long = base64(70_000);
    for (const text of [
      `{"a":"${long}"`,
      `{"a":"${long}",}`,
      `{"a": "${long}`,
      `["${long}" "x"]`,
    ]) {
      expect(() => parseJsonKeepingLongStrings(text)).toThrow(SyntaxError);
    }
  });

  it("does not mistake the space between two strings for a literal", () => {
    const numbers = Array.from({ length: 20_000 }, (_, index) => index);
    const text = JSON.stringify(["a", ...numbers, "b"]);
    expect(cutLongStrings(text)?.literals ?? []).toEqual([]);
    expect(parseJsonKeepingLongStrings(text)).toEqual(JSON.parse(text));
  });
});
