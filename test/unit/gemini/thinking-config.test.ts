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
  ] as const)("gives gemini-2.5-flash for effort %s the budget %d", (effort, budget) => {
    expect(thinkingFor("gemini-2.5-flash", { effort })).toEqual({ thinkingBudget: budget });
  });

  it("keeps budgets inside each 2.5 model's range: Pro 128–32768, Flash-Lite 512–24576 or 0", () => {
    expect(thinkingFor("gemini-2.5-pro", { effort: "none" })).toEqual({ thinkingBudget: 128 });
    expect(thinkingFor("gemini-2.5-pro", { budgetTokens: 50 })).toEqual({ thinkingBudget: 128 });
    expect(thinkingFor("gemini-2.5-pro", { effort: "max" })).toEqual({ thinkingBudget: 32768 });
    expect(thinkingFor("gemini-2.5-pro", { budgetTokens: 100_000 })).toEqual({
      thinkingBudget: 32768,
    });
    expect(thinkingFor("gemini-2.5-flash-lite", { budgetTokens: 100 })).toEqual({
      thinkingBudget: 512,
    });
    expect(thinkingFor("gemini-2.5-flash-lite", { effort: "none" })).toEqual({
      thinkingBudget: 0,
    });
    expect(thinkingFor("gemini-2.5-flash", { budgetTokens: 30_000 })).toEqual({
      thinkingBudget: 24576,
    });
    expect(thinkingFor("gemini-2.5-flash", { budgetTokens: -1 })).toEqual({ thinkingBudget: -1 });
  });

  it.each([
    ["gemini-3-pro-preview", "none", "LOW"],
    ["gemini-3-pro-preview", "medium", "HIGH"],
    ["gemini-3-pro-preview", "high", "HIGH"],
    ["gemini-3.1-pro-preview", "medium", "MEDIUM"],
    ["gemini-3.1-pro-preview", "minimal", "LOW"],
    ["gemini-3-flash-preview", "none", "MINIMAL"],
    ["gemini-3-flash-preview", "medium", "MEDIUM"],
    ["gemini-3-flash-preview", "low", "LOW"],
    ["gemini-3.1-flash-lite-preview", "xhigh", "HIGH"],
  ] as const)("gives %s for effort %s the canonical thinkingLevel %s", (model, effort, level) => {
    expect(thinkingFor(model, { effort })).toEqual({ thinkingLevel: level });
  });

  it("never sends a level and a budget together: each model gets its own form", () => {
    expect(thinkingFor("gemini-3-flash-preview", { budgetTokens: 1024 })).toEqual({
      thinkingLevel: "LOW",
    });
    expect(thinkingFor("gemini-3-flash-preview", { level: "medium", budgetTokens: 20000 })).toEqual(
      {
        thinkingLevel: "MEDIUM",
      },
    );
    expect(thinkingFor("gemini-2.5-flash", { level: "high" })).toEqual({ thinkingBudget: 24576 });
    expect(thinkingFor("gemini-2.5-flash", { level: "LOW", budgetTokens: 2000 })).toEqual({
      thinkingBudget: 2000,
    });
  });

  it("gives the moving -latest aliases budgets, which both 2.5 and 3 accept", () => {
    expect(thinkingFor("gemini-flash-latest", { effort: "low" })).toEqual({ thinkingBudget: 1024 });
    expect(thinkingFor("gemini-flash-lite-latest", { effort: "minimal" })).toEqual({
      thinkingBudget: 512,
    });
    expect(thinkingFor("gemini-pro-latest", { effort: "none" })).toEqual({ thinkingBudget: 128 });
  });

  it("asks for thoughts only where the model thinks", () => {
    expect(thinkingFor("gemini-2.5-flash", { effort: "low", includeThoughts: true })).toEqual({
      thinkingBudget: 1024,
      includeThoughts: true,
    });
    expect(thinkingFor("gemini-2.5-flash", { effort: "none", includeThoughts: true })).toEqual({
      thinkingBudget: 0,
    });
    expect(thinkingFor("gemini-3-pro-preview", { includeThoughts: true })).toEqual({
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
    expect(
      thinkingFor("gemini-3-pro-image-preview", { effort: "low", includeThoughts: true }),
    ).toEqual({ includeThoughts: true });
    expect(thinkingFor("gemini-3-pro-image-preview", { effort: "low" })).toBeUndefined();
  });

  it("leaves the model's default thinking alone when nothing asks for anything", () => {
    expect(thinkingFor("gemini-3-pro-preview", {})).toBeUndefined();
    expect(thinkingFor("gemini-2.5-flash", {})).toBeUndefined();
  });
});
