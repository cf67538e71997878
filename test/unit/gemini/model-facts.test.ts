import { describe, expect, it } from "vitest";
import {
  knownOutputTokenLimit,
  modelFacts,
  tableRow,
} from "../../../src/gemini/models/model-facts.ts";
import { MODEL_TABLE } from "../../../src/gemini/models/model-table.ts";

describe("the model table", () => {
  it("gives every row a source, and every rerouted or aliased id a target it also knows", () => {
    const ids = new Set(MODEL_TABLE.map((row) => row.id));
    expect(ids.size).toBe(MODEL_TABLE.length);
    for (const row of MODEL_TABLE) {
      expect(row.source, row.id).toMatch(/https:\/\//);
      for (const target of [row.reroutedTo, row.aliasOf, row.replacement]) {
        if (target) expect(ids.has(target), `${row.id} → ${target}`).toBe(true);
      }
      if (row.thinking.kind === "levels") {
        expect(row.thinking.levels, row.id).toContain(row.thinking.default);
      }
      if (row.status === "retired") expect(row.shutdown, row.id).toBeDefined();
    }
  });

  it("knows Google's lifecycle: shut down, rerouted, deprecated", () => {
    expect(tableRow("gemini-2.0-flash")).toMatchObject({
      status: "retired",
      shutdown: "2026-06-01",
    });
    expect(modelFacts("gemini-2.5-flash")).toMatchObject({
      status: "retired",
      shutdown: "2026-12-01",
      reroutedTo: "gemini-3.5-flash-lite",
      servedBy: "gemini-3.5-flash-lite",
      origin: "table",
    });
    expect(modelFacts("models/gemini-3.7-flash")).toMatchObject({
      status: "deprecated",
      servedBy: "gemini-3.8-flash",
    });
  });

  it("knows Gemini 4's long decode", () => {
    expect(modelFacts("gemini-4-argon")).toMatchObject({
      outputTokenLimit: 1_048_576,
      longDecode: { hopOutputTokens: 65_536, nonStreamedHopOutputTokens: 32_768 },
    });
    expect(modelFacts("gemini-3.8-flash").longDecode).toBeUndefined();
  });
});

describe("modelFacts for ids the table does not know", () => {
  it("derives them from the newest known model of the same generation and tier", () => {
    expect(modelFacts("gemini-9.9-flash")).toMatchObject({
      origin: "derived",
      source: "derived from gemini-3.8-flash",
      thinking: { kind: "levels", levels: ["LOW", "MEDIUM", "HIGH"] },
      refuses: { penalties: true, prefill: true },
    });
    expect(modelFacts("gemini-4.1-pro").source).toMatch(/^derived from gemini-4-/);
    expect(modelFacts("gemini-4.1-pro").longDecode).toBeDefined();
    expect(modelFacts("gemini-3.9-flash-lite").source).toBe("derived from gemini-3.5-flash-lite");
    expect(modelFacts("gemini-2.5-flash-preview-09-2025").thinking).toMatchObject({
      kind: "budget",
    });
    expect(modelFacts("gemini-1.5-flash").thinking).toEqual({ kind: "none" });
    expect(modelFacts("gemma-4-31b-it")).toMatchObject({
      refuses: { systemInstruction: true },
    });
  });

  it("gives an output limit only where the table knows the model", () => {
    expect(knownOutputTokenLimit("gemini-3.8-flash")).toBe(65_536);
    expect(knownOutputTokenLimit("gemini-4-hydrogen")).toBe(1_048_576);
    expect(knownOutputTokenLimit("gemini-9.9-flash")).toBeUndefined();
  });
});
