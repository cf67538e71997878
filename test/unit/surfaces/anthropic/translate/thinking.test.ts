import { describe, expect, it } from "vitest";
import type { ModelId } from "../../../../../src/gemini/model-id.ts";
import { toThinkingConfig } from "../../../../../src/surfaces/anthropic/translate/thinking.ts";

const on = (model: string) => ({ model: model as ModelId, search: false });

describe("toThinkingConfig", () => {
  it.each([
    ["gemini-2.5-flash-lite", 31_999, { thinkingBudget: 24_576 }],
    ["gemini-2.5-flash-lite", 100, { thinkingBudget: 512 }],
    ["gemini-3.8-flash", 31_999, { thinkingLevel: "HIGH" }],
    ["gemini-4-neon", 31_999, { thinkingLevel: "XHIGH" }],
    ["gemini-4-argon", 64_000, { thinkingLevel: "HIGH" }],
    ["gemini-3.1-pro-preview", 1_024, { thinkingLevel: "LOW" }],
    ["gemini-3-flash-preview", 4_000, { thinkingLevel: "MEDIUM" }],
    // gemini-2.5-pro is answered by gemini-3.8-flash since 2026-12-01: a level, not a budget.
    ["gemini-2.5-pro", 31_999, { thinkingLevel: "HIGH" }],
  ])("clamps budget_tokens for %s (%d) to %j", (model, budget, expected) => {
    expect(toThinkingConfig(on(model), { type: "enabled", budget_tokens: budget })).toEqual({
      ...expected,
      includeThoughts: true,
    });
  });

  it("takes adaptive thinking's strength from output_config.effort", () => {
    expect(
      toThinkingConfig(on("gemini-3.1-pro-preview"), { type: "adaptive" }, { effort: "high" }),
    ).toEqual({
      thinkingLevel: "HIGH",
      includeThoughts: true,
    });
    expect(
      toThinkingConfig(on("gemini-2.5-flash-lite"), { type: "adaptive" }, { effort: "low" }),
    ).toEqual({
      thinkingBudget: 1024,
      includeThoughts: true,
    });
    expect(toThinkingConfig(on("gemini-2.5-flash-lite"), { type: "adaptive" })).toEqual({
      includeThoughts: true,
    });
  });

  it("keeps thoughts out with display: omitted, and switches thinking off where it can", () => {
    expect(
      toThinkingConfig(on("gemini-2.5-flash-lite"), {
        type: "enabled",
        budget_tokens: 2000,
        display: "omitted",
      }),
    ).toEqual({ thinkingBudget: 2000, includeThoughts: false });
    expect(toThinkingConfig(on("gemini-2.5-flash-lite"), { type: "disabled" })).toEqual({
      thinkingBudget: 0,
    });
    // A level model cannot stop thinking: its weakest level.
    expect(toThinkingConfig(on("gemini-3.8-flash"), { type: "disabled" })).toEqual({
      thinkingLevel: "LOW",
    });
  });

  it("sends nothing to models that take no thinking config, and nothing when none was asked", () => {
    expect(
      toThinkingConfig(on("gemini-2.0-flash"), { type: "enabled", budget_tokens: 2000 }),
    ).toBeUndefined();
    expect(toThinkingConfig(on("gemma-3-27b-it"), { type: "adaptive" })).toBeUndefined();
    expect(toThinkingConfig(on("gemini-2.5-pro"), undefined)).toBeUndefined();
  });
});
