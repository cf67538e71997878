import { describe, expect, it } from "vitest";
import { thinkingFor } from "../../../src/gemini/thinking-config.ts";

describe("thinkingFor", () => {
  it.each([
    ["none", 0],
    ["minimal", 512],
    ["low", 1024],
    ["medium", 8192],
    ["high", 24576],
    ["xhigh", 24576],
  ] as const)("gives gemini-2.5-flash-lite for effort %s the budget %d", (effort, budget) => {
    expect(thinkingFor("gemini-2.5-flash-lite", { effort })).toEqual({ thinkingBudget: budget });
  });

  it("keeps budgets inside the 2.5 model's range: Flash-Lite 512–24576 or 0, -1 dynamic", () => {
    expect(thinkingFor("gemini-2.5-flash-lite", { budgetTokens: 100 })).toEqual({
      thinkingBudget: 512,
    });
    expect(thinkingFor("gemini-2.5-flash-lite", { effort: "none" })).toEqual({
      thinkingBudget: 0,
    });
    expect(thinkingFor("gemini-2.5-flash-lite", { budgetTokens: 30_000 })).toEqual({
      thinkingBudget: 24576,
    });
    expect(thinkingFor("gemini-2.5-flash-lite", { budgetTokens: -1 })).toEqual({
      thinkingBudget: -1,
    });
  });

  it.each([
    // 3.8 Flash, 3.7 Flash, 3.1 Pro, Gemini 4: no MINIMAL (the nearest is LOW).
    ["gemini-3.8-flash", "minimal", "LOW"],
    ["gemini-3.8-flash", "none", "LOW"],
    ["gemini-3.8-flash", "xhigh", "HIGH"],
    ["gemini-3.1-pro-preview", "medium", "MEDIUM"],
    ["gemini-3.1-pro-preview", "minimal", "LOW"],
    ["gemini-4-argon", "minimal", "LOW"],
    ["gemini-4-argon", "xhigh", "HIGH"],
    ["gemini-4-argon", "max", "HIGH"],
    ["gemini-4-neon", "xhigh", "XHIGH"],
    ["gemini-4-hydrogen", "max", "XHIGH"],
    ["gemini-3.6-flash", "minimal", "MINIMAL"],
    ["gemini-3-flash-preview", "none", "MINIMAL"],
    ["gemini-3-flash-preview", "medium", "MEDIUM"],
    ["gemini-3.1-flash-lite", "xhigh", "HIGH"],
    // Rerouted ids take the rules of the model that answers them.
    ["gemini-2.5-flash", "minimal", "MINIMAL"],
    ["gemini-2.5-pro", "minimal", "LOW"],
    ["gemini-3.7-flash", "minimal", "LOW"],
    // Aliases likewise.
    ["gemini-flash-latest", "minimal", "LOW"],
    ["gemini-flash-lite-latest", "minimal", "MINIMAL"],
  ] as const)("gives %s for effort %s the canonical thinkingLevel %s", (model, effort, level) => {
    expect(thinkingFor(model, { effort })).toEqual({ thinkingLevel: level });
  });

  it("never sends a level and a budget together: each model gets its own form", () => {
    expect(thinkingFor("gemini-3-flash-preview", { budgetTokens: 1024 })).toEqual({
      thinkingLevel: "LOW",
    });
    expect(thinkingFor("gemini-4-neon", { budgetTokens: 31_999 })).toEqual({
      thinkingLevel: "XHIGH",
    });
    expect(thinkingFor("gemini-3-flash-preview", { level: "medium", budgetTokens: 20000 })).toEqual(
      {
        thinkingLevel: "MEDIUM",
      },
    );
    expect(thinkingFor("gemini-2.5-flash-lite", { level: "high" })).toEqual({
      thinkingBudget: 24576,
    });
    expect(thinkingFor("gemini-2.5-flash-lite", { level: "LOW", budgetTokens: 2000 })).toEqual({
      thinkingBudget: 2000,
    });
  });

  it("asks for thoughts only where the model thinks", () => {
    expect(thinkingFor("gemini-2.5-flash-lite", { effort: "low", includeThoughts: true })).toEqual({
      thinkingBudget: 1024,
      includeThoughts: true,
    });
    expect(thinkingFor("gemini-2.5-flash-lite", { effort: "none", includeThoughts: true })).toEqual(
      {
        thinkingBudget: 0,
      },
    );
    expect(thinkingFor("gemini-3.8-flash", { includeThoughts: true })).toEqual({
      includeThoughts: true,
    });
  });

  it("sends nothing to models that take no thinking config: Gemma, 2.0, gemini-2.5-flash-image", () => {
    for (const model of ["gemma-3-27b-it", "gemini-2.0-flash", "gemini-2.5-flash-image"]) {
      expect(thinkingFor(model, { effort: "high", includeThoughts: true, budgetTokens: 4 })).toBe(
        undefined,
      );
    }
  });

  it("gives image models that always think only includeThoughts", () => {
    expect(thinkingFor("gemini-3-pro-image", { effort: "low", includeThoughts: true })).toEqual({
      includeThoughts: true,
    });
    expect(thinkingFor("gemini-3-pro-image", { effort: "low" })).toBeUndefined();
  });

  it("leaves the model's default thinking alone when nothing asks for anything", () => {
    expect(thinkingFor("gemini-3.8-flash", {})).toBeUndefined();
    expect(thinkingFor("gemini-2.5-flash-lite", {})).toBeUndefined();
  });
});
