import { describe, expect, it } from "vitest";
import { modelCapabilities } from "../../../src/gemini/model-capabilities.ts";

describe("modelCapabilities", () => {
  it("knows each model's thinking control from the table", () => {
    const thinking = (model: string) => modelCapabilities(model).thinking;
    expect(thinking("gemini-3.8-flash")).toMatchObject({
      kind: "levels",
      levels: ["LOW", "MEDIUM", "HIGH"],
      default: "MEDIUM",
    });
    expect(thinking("gemini-4-neon")).toMatchObject({
      levels: ["LOW", "MEDIUM", "HIGH", "XHIGH"],
      default: "HIGH",
      budgetAccepted: false,
    });
    expect(thinking("gemini-3-flash-preview")).toMatchObject({
      levels: ["MINIMAL", "LOW", "MEDIUM", "HIGH"],
    });
    expect(thinking("gemini-2.5-flash-lite")).toMatchObject({ min: 512, max: 24576 });
    // gemini-2.5-flash is answered by gemini-3.5-flash-lite since 2026-12-01.
    expect(thinking("gemini-2.5-flash")).toMatchObject({ kind: "levels", default: "MINIMAL" });
    expect(thinking("gemini-2.5-flash-image")).toEqual({ kind: "none" });
    expect(thinking("gemini-3-pro-image")).toEqual({ kind: "fixed" });
    expect(thinking("gemma-3-27b-it")).toEqual({ kind: "none" });
    expect(thinking("models/gemini-2.0-flash")).toEqual({ kind: "none" });
  });

  it("lets only Gemini 3 and later text models combine Google Search with functions", () => {
    expect(modelCapabilities("gemini-3-flash-preview").searchWithFunctions).toBe(true);
    expect(modelCapabilities("gemini-4-argon").searchWithFunctions).toBe(true);
    expect(modelCapabilities("gemini-2.5-flash-lite").searchWithFunctions).toBe(false);
  });

  it("knows Gemma takes no system instruction and image models answer images", () => {
    expect(modelCapabilities("gemma-3-4b-it").systemInstruction).toBe(false);
    expect(modelCapabilities("gemini-3.8-flash").systemInstruction).toBe(true);
    expect(modelCapabilities("gemini-2.5-flash-image").imageOutput).toBe(true);
    expect(modelCapabilities("gemini-3-pro-image").imageOutput).toBe(true);
    expect(modelCapabilities("gemini-3.8-flash").imageOutput).toBe(false);
  });

  it("knows what 3.5 Flash-Lite, 3.6 Flash and later refuse or ignore", () => {
    for (const model of ["gemini-3.6-flash", "gemini-3.8-flash", "gemini-4-argon"]) {
      expect(modelCapabilities(model)).toMatchObject({
        refusesPenalties: true,
        refusesPrefill: true,
        ignoresSampling: true,
      });
    }
    expect(modelCapabilities("gemini-3-flash-preview")).toMatchObject({
      refusesPenalties: false,
      refusesPrefill: false,
      ignoresSampling: false,
    });
  });
});
