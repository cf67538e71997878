import { describe, expect, it } from "vitest";
import { ApiError } from "../../../../common/api-error.ts";
import {
  DEFAULT_ANTHROPIC_MODEL_MAP,
  readModelMap,
  resolveModel,
} from "../../../../src/surfaces/anthropic/model-map.ts";

const DEFAULT_MODEL = "gemini-2.5-flash";
const resolve = (name: string, raw?: string) =>
  resolveModel(name, readModelMap(raw), DEFAULT_MODEL);

describe("Anthropic model map", () => {
  it.each([
    ["claude-opus-4-8", "gemini-3.8-flash"],
    ["claude-sonnet-4-5-20250929", "gemini-3.8-flash"],
    ["claude-3-5-haiku-latest", "gemini-3.5-flash-lite"],
    ["claude-haiku-4-5", "gemini-3.5-flash-lite"],
    ["claude-instant-1.2", "gemini-3.8-flash"],
    ["Claude-Opus-4-1", "gemini-3.8-flash"],
  ])("maps %s to %s by default", (name, model) => {
    expect(resolve(name).model).toBe(model);
  });

  it("passes Gemini ids through, with the router's suffixes", () => {
    expect(resolve("gemini-3-pro-preview")).toEqual({
      model: "gemini-3-pro-preview",
      search: false,
    });
    expect(resolve("gemini-2.5-flash-thinking-high:search")).toEqual({
      model: "gemini-2.5-flash",
      search: true,
      thinking: { level: "high", includeThoughts: true },
    });
  });

  it("takes ANTHROPIC_MODEL_MAP over the defaults: exact names first, then the longest word", () => {
    const raw = JSON.stringify({
      "claude-opus-4-8": "gemini-3-pro-preview",
      opus: "gemini-2.5-flash",
      "sonnet-4-5": "gemini-3-flash-preview-thinking-low",
      default: "gemini-2.0-flash",
    });
    expect(resolve("claude-opus-4-8", raw).model).toBe("gemini-3-pro-preview");
    expect(resolve("claude-opus-4-1", raw).model).toBe("gemini-2.5-flash");
    expect(resolve("claude-sonnet-4-5", raw)).toMatchObject({
      model: "gemini-3-flash-preview",
      thinking: { level: "low" },
    });
    expect(resolve("claude-sonnet-3-7", raw).model).toBe("gemini-3.8-flash");
    expect(resolve("claude-mystery", raw).model).toBe("gemini-2.0-flash");
    expect(resolve("haiku", raw).model).toBe(DEFAULT_ANTHROPIC_MODEL_MAP.haiku);
  });

  it.each([
    ["not json", /not valid JSON/],
    ["[1]", /must be a JSON object/],
    ['{"opus": 3}', /'opus' must be a Gemini model name/],
  ])("answers a misconfigured map %j with a 500 naming the variable", (raw, message) => {
    const error = (() => {
      try {
        readModelMap(raw);
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(500);
    expect((error as ApiError).message).toMatch(/^ANTHROPIC_MODEL_MAP is misconfigured/);
    expect((error as ApiError).message).toMatch(message);
  });
});
