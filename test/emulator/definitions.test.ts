import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { buildDefinitions } from "../../emulator/definitions/build-definitions.ts";
import { DEFINITIONS } from "../../emulator/definitions/load-definitions.ts";
import {
  NEWER_ENUMS,
  NEWER_FIELDS,
  NEWER_MESSAGES,
} from "../../emulator/definitions/newer-fields.ts";

const require = createRequire(import.meta.url);
const genaiTypes = readFileSync(
  require.resolve("@google/genai").replace(/dist\/.*$/, "dist/genai.d.ts"),
  "utf8",
);

/** The members of `export declare interface|class Name { ... }` in genai.d.ts. */
function genaiMembers(name: string): string[] {
  const start = genaiTypes.search(new RegExp(`export declare (interface|class) ${name} \\{`));
  if (start < 0) return [];
  const body = genaiTypes.slice(start, genaiTypes.indexOf("\n}", start));
  return [...body.matchAll(/^ {4}([A-Za-z_]+)\??:/gm)].map((match) => match[1] as string);
}

function genaiEnumValues(name: string): string[] {
  const start = genaiTypes.indexOf(`export declare enum ${name} {`);
  if (start < 0) return [];
  const body = genaiTypes.slice(start, genaiTypes.indexOf("\n}", start));
  return [...body.matchAll(/^ {4}([A-Z_0-9]+) =/gm)].map((match) => match[1] as string);
}

describe("the emulator's request definitions", () => {
  it("are what Google's installed protos plus newer-fields.ts generate (run write-definitions.ts after an upgrade)", () => {
    expect(DEFINITIONS).toEqual(buildDefinitions());
  });

  it("take every newer field, message and enum from @google/genai's types", () => {
    for (const field of NEWER_FIELDS) {
      const [owner, member] = field.genai.split(".") as [string, string];
      expect(genaiMembers(owner), field.genai).toContain(member);
    }
    for (const message of NEWER_MESSAGES) {
      expect(genaiTypes, message.genai).toMatch(
        new RegExp(`export declare (interface|class) ${message.genai} \\{`),
      );
    }
    for (const item of NEWER_ENUMS) {
      expect(genaiEnumValues(item.genai), item.genai).toEqual(item.values);
    }
  });

  it("hold the request types with proto names, JSON names and real oneofs", () => {
    const part = DEFINITIONS.messages.Part?.fields ?? {};
    expect(part.inline_data).toEqual({ json: "inlineData", type: "message:Blob", oneof: "data" });
    expect(part.thought_signature).toEqual({ json: "thoughtSignature", type: "bytes" });
    const config = DEFINITIONS.messages.GenerationConfig?.fields ?? {};
    expect(config.candidate_count).toEqual({ json: "candidateCount", type: "int32" });
    expect(config.response_json_schema_ordered?.json).toBe("responseJsonSchema");
    expect(DEFINITIONS.messages.Schema?.fields.properties).toEqual({
      json: "properties",
      type: "message:Schema",
      map: true,
    });
    expect(DEFINITIONS.enums.Type?.values).toMatchObject({ STRING: 1, OBJECT: 6, NULL: 7 });
  });
});
