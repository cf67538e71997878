import { describe, expect, it } from "vitest";
import {
  toGeminiFunctionSchema,
  toGeminiResponseSchema,
} from "../../../src/schema/gemini-schema.ts";
import { resolvePointer } from "../../../src/schema/json-pointer.ts";
import { geminiRefusal } from "../../support/gemini-rules.ts";
import { jsonSchemaProblems } from "../../support/json-schema-rules.ts";
import { loadSchemaCorpus } from "../../support/schema-corpus.ts";
import { schemaFacts } from "../../support/schema-facts.ts";

const corpus = loadSchemaCorpus();

/** The object a schema describes, its root `$ref` (pydantic's, zod-to-json-schema's) followed. */
function rootOf(schema: Record<string, unknown>): { properties?: object; required?: unknown } {
  const target = typeof schema.$ref === "string" ? resolvePointer(schema, schema.$ref) : schema;
  return (target ?? {}) as { properties?: object; required?: unknown };
}
const prompt = [{ role: "user", parts: [{ text: "hi" }] }];

/**
 * The facts of what was sent equal the client's, except that a required `$ref` loop (which Gemini
 * refuses) may have had properties made optional: a `required` fact may lose names, never gain.
 */
function expectSameMeaning(sent: unknown, original: unknown) {
  const kept = schemaFacts(sent);
  const declared = schemaFacts(original);
  const isRequired = (fact: string) => / required /.test(fact);
  expect(kept.filter((fact) => !isRequired(fact))).toEqual(
    declared.filter((fact) => !isRequired(fact)),
  );
  const requiredAt = (facts: string[]) =>
    new Map(
      facts
        .filter(isRequired)
        .map((fact) => [
          fact.split(" required ")[0],
          fact.split(" required ")[1]?.split(",") ?? [],
        ]),
    );
  const declaredRequired = requiredAt(declared);
  for (const [path, names] of requiredAt(kept)) {
    for (const name of names) expect(declaredRequired.get(path)).toContain(name);
  }
}

describe("the schema corpus", () => {
  it("holds at least 60 real schemas from MCP servers, zod, pydantic and Claude Code", () => {
    expect(corpus.length).toBeGreaterThanOrEqual(60);
    for (const group of ["mcp/", "zod/", "pydantic/", "claude-code/"]) {
      expect(corpus.some((entry) => entry.id.startsWith(group))).toBe(true);
    }
  });
});

describe.each(corpus)("$id", ({ name, schema }) => {
  it("keeps its meaning as JSON Schema, in a form Gemini takes, for tools and responses", () => {
    const tool = toGeminiFunctionSchema(schema, {
      model: "gemini-2.5-flash",
      param: "tools[0].function.parameters",
    });
    const response = toGeminiResponseSchema(schema, {
      model: "gemini-2.5-flash",
      param: "response_format.json_schema.schema",
    });
    expect(response.responseJsonSchema).toBeDefined();
    // A function that takes nothing leaves its parameters out.
    if (!tool.parametersJsonSchema)
      expect(Object.keys(rootOf(schema).properties ?? {})).toEqual([]);
    for (const converted of [tool.parametersJsonSchema, response.responseJsonSchema]) {
      if (!converted) continue;
      expect(jsonSchemaProblems(converted)).toEqual([]);
      expectSameMeaning(converted, schema);
    }
  });

  it("passes Gemini's Schema rules in the OpenAPI subset, keeping names, required and integers", () => {
    const tool = toGeminiFunctionSchema(schema, {
      model: "gemma-3-27b-it",
      param: "tools[0].function.parameters",
    });
    const response = toGeminiResponseSchema(schema, {
      model: "gemma-3-27b-it",
      param: "response_format.json_schema.schema",
    });
    // Separate requests: Gemini 2.x refuses function calling with a JSON response mime type.
    const tools = [{ functionDeclarations: [{ name, ...tool }] }];
    expect(geminiRefusal({ contents: prompt, tools })).toBeUndefined();
    const generationConfig = { responseMimeType: "application/json", ...response };
    expect(geminiRefusal({ contents: prompt, generationConfig })).toBeUndefined();
    const root = rootOf(schema);
    const properties = (root.properties ?? {}) as Record<string, { type?: unknown }>;
    const sent = tool.parameters?.properties ?? {};
    expect(Object.keys(sent).sort()).toEqual(Object.keys(properties).sort());
    for (const [property, declared] of Object.entries(properties)) {
      if (declared.type === "integer") expect(sent[property]?.type).toBe("INTEGER");
    }
    expect(new Set(tool.parameters?.required ?? [])).toEqual(
      new Set((root.required as string[] | undefined) ?? []),
    );
  });
});

describe("schemaFacts (the corpus's meaning check)", () => {
  it("tells apart what a lossy conversion changes: tuples, records, integer enums, recursion", () => {
    const pairs: [unknown, unknown][] = [
      [
        { type: "array", prefixItems: [{ type: "number" }, { type: "string" }] },
        { type: "array", items: { anyOf: [{ type: "number" }, { type: "string" }] } },
      ],
      [{ type: "object", additionalProperties: { type: "string" } }, { type: "object" }],
      [
        { type: "integer", enum: [1, 2] },
        { type: "string", enum: ["1", "2"] },
      ],
      [
        {
          $defs: { N: { type: "object", properties: { next: { $ref: "#/$defs/N" } } } },
          $ref: "#/$defs/N",
        },
        { type: "object", properties: { next: { type: "object" } } },
      ],
      [{ type: "string", const: "a" }, { type: "string" }],
    ];
    for (const [original, lossy] of pairs)
      expect(schemaFacts(lossy)).not.toEqual(schemaFacts(original));
  });
});
