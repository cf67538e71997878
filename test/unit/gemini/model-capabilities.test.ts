import { describe, expect, it } from "vitest";
import { modelCapabilities } from "../../../src/gemini/model-capabilities.ts";

describe("modelCapabilities", () => {
  it("knows each family's thinking control", () => {
    const thinking = (model: string) => modelCapabilities(model).thinking;
    expect(thinking("gemini-3-pro-preview")).toEqual({ kind: "levels", levels: ["LOW", "HIGH"] });
    expect(thinking("gemini-3.1-pro-preview")).toEqual({
      kind: "levels",
      levels: ["LOW", "MEDIUM", "HIGH"],
    });
    expect(thinking("gemini-3-flash-preview")).toEqual({
      kind: "levels",
      levels: ["MINIMAL", "LOW", "MEDIUM", "HIGH"],
    });
    expect(thinking("gemini-2.5-pro")).toMatchObject({ min: 128, max: 32768, canDisable: false });
    expect(thinking("gemini-2.5-flash")).toMatchObject({ min: 0, max: 24576, canDisable: true });
    expect(thinking("gemini-2.5-flash-lite")).toMatchObject({ min: 512, max: 24576 });
    expect(thinking("gemini-2.5-flash-image")).toEqual({ kind: "none" });
    expect(thinking("gemini-3-pro-image-preview")).toEqual({ kind: "fixed" });
    expect(thinking("gemma-3-27b-it")).toEqual({ kind: "none" });
    expect(thinking("models/gemini-2.0-flash")).toEqual({ kind: "none" });
  });

  it("lets only Gemini 3 text models combine Google Search with functions", () => {
    expect(modelCapabilities("gemini-3-flash-preview").searchWithFunctions).toBe(true);
    expect(modelCapabilities("gemini-3.1-pro-preview").searchWithFunctions).toBe(true);
    expect(modelCapabilities("gemini-2.5-flash").searchWithFunctions).toBe(false);
    expect(modelCapabilities("gemini-flash-latest").searchWithFunctions).toBe(false);
  });

  it("knows Gemma takes no system instruction and image models answer images", () => {
    expect(modelCapabilities("gemma-3-4b-it").systemInstruction).toBe(false);
    expect(modelCapabilities("gemini-2.5-flash").systemInstruction).toBe(true);
    expect(modelCapabilities("gemini-2.5-flash-image").imageOutput).toBe(true);
    expect(modelCapabilities("gemini-3-pro-image-preview").imageOutput).toBe(true);
    expect(modelCapabilities("gemini-2.5-flash").imageOutput).toBe(false);
  });
});
