import { describe, expect, it } from "vitest";
import { parseModelName } from "../../../src/gemini/model-name.ts";

const DEFAULT = "gemini-2.5-flash";

describe("parseModelName", () => {
  it.each([
    ["gemini-2.5-pro", { model: "gemini-2.5-pro", search: false }],
    ["models/gemini-2.0-flash", { model: "gemini-2.0-flash", search: false }],
    ["gemma-3-27b-it", { model: "gemma-3-27b-it", search: false }],
    ["learnlm-2.0-flash-experimental", { model: "learnlm-2.0-flash-experimental", search: false }],
    [
      "gemini-2.5-flash-thinking-high",
      {
        model: "gemini-2.5-flash",
        search: false,
        thinking: { level: "high", includeThoughts: true },
      },
    ],
    [
      "gemini-3-pro-preview-refined-low",
      {
        model: "gemini-3-pro-preview",
        search: false,
        thinking: { level: "low", includeThoughts: false },
      },
    ],
    ["gemini-2.5-flash:search", { model: "gemini-2.5-flash", search: true }],
    ["gemini-2.0-flash-search-preview", { model: "gemini-2.0-flash", search: true }],
    [
      "gemini-2.5-flash-thinking-high:search",
      {
        model: "gemini-2.5-flash",
        search: true,
        thinking: { level: "high", includeThoughts: true },
      },
    ],
    [
      "models/gemini-2.5-pro-refined-none-search-preview",
      {
        model: "gemini-2.5-pro",
        search: true,
        thinking: { level: "none", includeThoughts: false },
      },
    ],
  ])("reads %s", (requested, expected) => {
    expect(parseModelName(requested, DEFAULT)).toEqual(expected);
  });

  it.each([undefined, "", "  ", "gpt-4o", "claude-3-opus", "models/text-embedding-3-small"])(
    "uses the default model for %j",
    (requested) => {
      expect(parseModelName(requested, DEFAULT)).toEqual({ model: DEFAULT, search: false });
    },
  );

  it("keeps suffixes of a non-Gemini name and of the default model", () => {
    expect(parseModelName("gpt-4o:search", "gemini-3-flash-preview-thinking-low")).toEqual({
      model: "gemini-3-flash-preview",
      search: true,
      thinking: { level: "low", includeThoughts: true },
    });
  });

  it.each([":search", "-thinking-high", ":search-refined-low"])(
    "answers 400 naming model for %j: suffixes alone are no model id",
    (requested) => {
      expect(() => parseModelName(requested, DEFAULT)).toThrow(
        expect.objectContaining({ status: 400, param: "model" }),
      );
    },
  );
});
