import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { modelsMarkdown, README_END, README_START } from "../../emulator/models/models-readme.ts";
import { MODEL_TABLE } from "../../src/gemini/models/model-table.ts";

const readme = readFileSync(new URL("../../emulator/README.md", import.meta.url), "utf8");

describe("emulator/README.md's Models section", () => {
  it("is what the model table generates (run node emulator/models/write-models-readme.ts)", () => {
    const start = readme.indexOf(README_START);
    const end = readme.indexOf(README_END);
    expect(start).toBeGreaterThan(-1);
    expect(readme.slice(start + README_START.length, end).trim()).toBe(modelsMarkdown());
  });

  it("has one line per id of the table", () => {
    for (const row of MODEL_TABLE) expect(modelsMarkdown()).toContain(`| \`${row.id}\` |`);
  });
});

describe("README.md's Models section", () => {
  const main = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
  const section = main.slice(main.indexOf("## Models"), main.indexOf("## Native Gemini API"));

  it("names every id of the model table (served, retired or rerouted), or its family", () => {
    const missing = MODEL_TABLE.filter(
      (row) =>
        !section.includes(`\`${row.id}\``) &&
        !(row.id.startsWith("gemma-3") && section.includes("`gemma-3-*`")),
    ).map((row) => row.id);
    expect(missing).toEqual([]);
  });
});
