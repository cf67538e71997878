import { describe, expect, it } from "vitest";
import { type GeminiCall, geminiUrl } from "../../../src/gemini/client.ts";
import { parseModelId } from "../../../src/gemini/model-id.ts";

describe("geminiUrl", () => {
  const calls: GeminiCall[] = [
    { kind: "list-models" },
    { kind: "list-models", query: { pageSize: "1000", pageToken: "a b&c=d" } },
    { kind: "get-model", model: parseModelId("gemini-2.5-flash") },
    {
      kind: "model-method",
      model: parseModelId("gemini-2.5-flash"),
      method: "generateContent",
      body: {},
    },
    {
      kind: "model-method",
      model: parseModelId("models/gemma-3-27b-it"),
      method: "streamGenerateContent",
      body: {},
      query: { alt: "sse" },
    },
  ];

  it.each([
    "https://generativelanguage.googleapis.com",
    "http://127.0.0.1:8787/",
    "http://127.0.0.1:8787/some/prefix/",
  ])("is the URL new URL(path, %s) gives, as text", (base) => {
    for (const call of calls) {
      const text = geminiUrl(base, call);
      const [path = "", query = ""] = text.replace(new URL(base).origin, "").split("?");
      const expected = new URL(path, base);
      for (const [name, value] of Object.entries(call.query ?? {}))
        expected.searchParams.set(name, value);
      expect(text).toBe(expected.toString());
      expect(new URLSearchParams(query)).toEqual(new URLSearchParams(call.query ?? {}));
    }
  });

  it("builds the path from the model id and the method only", () => {
    expect(geminiUrl("https://g.example", calls[4] as GeminiCall)).toBe(
      "https://g.example/v1beta/models/gemma-3-27b-it:streamGenerateContent?alt=sse",
    );
  });
});
