import { afterEach, describe, expect, it, vi } from "vitest";
import { requestJson, SPLICE_MIN } from "../../../src/gemini/request-json.ts";
import { parseJsonKeepingLongStrings } from "../../../src/http/long-strings.ts";

/** The JSON text, whether it came as a string or as UTF-8 bytes. */
const textOf = (json: string | Uint8Array | null) =>
  typeof json === "string" || json === null ? json : new TextDecoder().decode(json);

const base64 = (bytes: number) => Buffer.alloc(bytes, 0xa7).toString("base64");

afterEach(() => {
  vi.restoreAllMocks();
});

describe("requestJson", () => {
  it("is JSON.stringify for bodies without long base64 strings", () => {
    const body = {
      contents: [{ role: "user", parts: [{ text: 'Hi "there"\n\u0000' }] }],
      generationConfig: { temperature: 0.5, stopSequences: ["\u2028"] },
      text: "word ".repeat(SPLICE_MIN),
      short: base64(30),
    };
    expect(textOf(requestJson(body, 100))).toBe(JSON.stringify(body));
    expect(requestJson("scalar", 100)).toBe('"scalar"');
    expect(requestJson(null, 100)).toBe("null");
  });

  it("splices long base64 strings in, giving exactly JSON.stringify's text", () => {
    const image = base64(300_000);
    const pdf = base64(SPLICE_MIN);
    const body = {
      contents: [
        {
          role: "user",
          parts: [
            { inlineData: { mimeType: "image/png", data: image } },
            { text: "and the same again" },
            { inlineData: { mimeType: "image/png", data: image } },
            { inlineData: { mimeType: "application/pdf", data: pdf } },
          ],
        },
      ],
    };
    const expected = JSON.stringify(body);
    const stringify = vi.spyOn(JSON, "stringify");
    expect(textOf(requestJson(body, 100))).toBe(expected);
    // Serialized once, with the media swapped for placeholders (not a plain JSON.stringify).
    expect(stringify).toHaveBeenCalledTimes(1);
    expect(stringify.mock.calls[0]?.[1]).toBeTypeOf("function");
    expect(String(stringify.mock.results[0]?.value).length).toBeLessThan(1_000);
  });

  it("gives the same text for a body whose media are slices of the client's request", () => {
    const image = base64(1_000_000);
    const client = `{"url":"data:image/png;base64,${image}","note":"\\u0000splice-x-0"}`;
    const parsed = parseJsonKeepingLongStrings(client) as { url: string; note: string };
    const data = parsed.url.slice(parsed.url.indexOf(",") + 1);
    const body = {
      parts: [{ inlineData: { mimeType: "image/png", data } }, { text: parsed.note }],
    };
    expect(JSON.parse(textOf(requestJson(body, 100)) ?? "")).toEqual(
      JSON.parse(JSON.stringify(body)),
    );
  });

  it("leaves text that merely looks like a placeholder alone", () => {
    const image = base64(20_000);
    const body = {
      a: "\u0000splice-00000000-0000-0000-0000-000000000000-0",
      b: { inlineData: { data: image } },
      "\u0000splice-": 1,
    };
    expect(textOf(requestJson(body, 100))).toBe(JSON.stringify(body));
  });

  it("refuses nesting deeper than the limit, walking a million levels without the call stack", () => {
    const deep = JSON.parse("[".repeat(1_000_000) + "]".repeat(1_000_000));
    expect(requestJson(deep, 100)).toBeNull();
    expect(requestJson(JSON.parse("[".repeat(100) + "]".repeat(100)), 100)).toBe(
      "[".repeat(100) + "]".repeat(100),
    );
    expect(requestJson({ a: [1, { b: {} }] }, 3)).toBeNull();
    expect(requestJson({ a: [1, { b: 2 }] }, 3)).toBe('{"a":[1,{"b":2}]}');
  });
});
