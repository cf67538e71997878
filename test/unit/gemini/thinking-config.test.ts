import { describe, expect, it } from "vitest";
import { toGeminiThinkingConfig } from "../../../src/gemini/thinking-config.ts";

const suffix = (level: "none" | "low" | "medium" | "high", includeThoughts = false) => ({
  suffix: { level, includeThoughts },
});

describe("toGeminiThinkingConfig", () => {
  it.each([
    ["none", 0],
    ["low", 1024],
    ["medium", 8192],
    ["high", 24576],
  ] as const)("gives gemini-2.5-flash the %s budget %d", (level, budget) => {
    expect(toGeminiThinkingConfig("gemini-2.5-flash", suffix(level))).toEqual({
      thinkingBudget: budget,
    });
  });

  it("never turns gemini-2.5-pro's thinking off: none becomes its minimum, 128", () => {
    expect(toGeminiThinkingConfig("gemini-2.5-pro", suffix("none"))).toEqual({
      thinkingBudget: 128,
    });
    expect(toGeminiThinkingConfig("gemini-2.5-pro", { reasoningEffort: "none" })).toEqual({
      thinkingBudget: 128,
    });
  });

  it.each([
    ["gemini-3-pro-preview", "none", "low"],
    ["gemini-3-pro-preview", "medium", "high"],
    ["gemini-3-pro-preview", "high", "high"],
    ["gemini-3-flash-preview", "none", "minimal"],
    ["gemini-3-flash-preview", "medium", "medium"],
    ["gemini-3-flash-preview", "low", "low"],
  ] as const)("gives %s for %s the thinkingLevel %s", (model, level, expected) => {
    expect(toGeminiThinkingConfig(model, suffix(level))).toEqual({ thinkingLevel: expected });
  });

  it("maps reasoning_effort the same way, xhigh and max as high", () => {
    expect(toGeminiThinkingConfig("gemini-2.5-flash", { reasoningEffort: "minimal" })).toEqual({
      thinkingBudget: 512,
    });
    expect(toGeminiThinkingConfig("gemini-3-flash-preview", { reasoningEffort: "xhigh" })).toEqual({
      thinkingLevel: "high",
    });
    expect(toGeminiThinkingConfig("gemini-2.5-flash", { reasoningEffort: null })).toBeUndefined();
  });

  it("lets the suffix win over reasoning_effort, and asks for thoughts only for -thinking-", () => {
    expect(
      toGeminiThinkingConfig("gemini-2.5-flash", {
        ...suffix("low", true),
        reasoningEffort: "high",
      }),
    ).toEqual({ thinkingBudget: 1024, includeThoughts: true });
    expect(toGeminiThinkingConfig("gemini-2.5-flash", suffix("none", true))).toEqual({
      thinkingBudget: 0,
    });
  });

  it("lets google.thinking_config win over both, never sending level and budget together", () => {
    expect(
      toGeminiThinkingConfig("gemini-3-flash-preview", {
        ...suffix("high", true),
        extras: { thinking_level: "LOW", include_thoughts: false },
      }),
    ).toEqual({ thinkingLevel: "low", includeThoughts: false });
    expect(
      toGeminiThinkingConfig("gemini-3-flash-preview", {
        ...suffix("high"),
        extras: { thinking_budget: 2048 },
      }),
    ).toEqual({ thinkingBudget: 2048 });
  });

  it("sends nothing to models without thinking unless the client asked explicitly", () => {
    expect(toGeminiThinkingConfig("gemini-2.0-flash", suffix("high", true))).toBeUndefined();
    expect(toGeminiThinkingConfig("gemini-2.0-flash", { reasoningEffort: "high" })).toBeUndefined();
    expect(
      toGeminiThinkingConfig("gemini-2.0-flash", { extras: { include_thoughts: true } }),
    ).toEqual({
      includeThoughts: true,
    });
  });

  it("leaves the model's default thinking alone when nothing asks for a level", () => {
    expect(toGeminiThinkingConfig("gemini-3-pro-preview", {})).toBeUndefined();
  });
});
