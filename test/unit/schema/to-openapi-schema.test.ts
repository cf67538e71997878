import { describe, expect, it } from "vitest";
import type { GeminiSchema } from "../../../src/gemini/types.ts";
import {
  toGeminiFunctionSchema,
  toGeminiResponseSchema,
} from "../../../src/schema/gemini-schema.ts";
import { geminiRefusal } from "../../support/gemini-rules.ts";

/** A model that does not take JSON Schema, so the OpenAPI subset is used. */
const MODEL = "gemma-3-27b-it";

function openapi(schema: unknown): GeminiSchema {
  const result = toGeminiResponseSchema(schema, {
    model: MODEL,
    param: "response_format.json_schema.schema",
  });
  if (!("responseSchema" in result) || !result.responseSchema)
    throw new Error("expected responseSchema");
  // Proven against the real Schema rules (checked on a model that takes response schemas).
  const refusal = geminiRefusal({
    contents: [{ role: "user", parts: [{ text: "hi" }] }],
    generationConfig: {
      responseMimeType: "application/json",
      responseSchema: result.responseSchema,
    },
  });
  expect(refusal).toBeUndefined();
  return result.responseSchema;
}

describe("toGeminiResponseSchema / toGeminiFunctionSchema in the OpenAPI subset", () => {
  it("inlines local $ref/$defs and drops what Gemini rejects", () => {
    expect(
      openapi({
        $schema: "https://json-schema.org/draft/2020-12/schema",
        $defs: {
          Point: {
            type: "object",
            properties: { x: { type: "number", exclusiveMinimum: 0 } },
            additionalProperties: false,
          },
        },
        type: "object",
        properties: {
          start: { $ref: "#/$defs/Point", description: "where it starts" },
          tags: {
            type: "array",
            items: { type: "string", examples: ["a"] },
            minItems: 1,
            uniqueItems: true,
          },
        },
        required: ["start", "nope"],
        additionalProperties: false,
      }),
    ).toEqual({
      type: "OBJECT",
      properties: {
        start: {
          type: "OBJECT",
          description: "where it starts",
          properties: { x: { type: "NUMBER", minimum: 0 } },
        },
        tags: { type: "ARRAY", items: { type: "STRING", example: "a" }, minItems: 1 },
      },
      required: ["start"],
    });
  });

  it("unrolls a recursive reference twice, then stops at an OBJECT", () => {
    const schema = openapi({
      $defs: {
        Node: {
          type: "object",
          properties: { value: { type: "string" }, next: { $ref: "#/$defs/Node" } },
        },
      },
      $ref: "#/$defs/Node",
    });
    expect(schema.properties?.next?.properties?.next).toEqual({ type: "OBJECT" });
  });

  it("gives every node a type: untyped values, properties without type, arrays without items", () => {
    expect(
      openapi({
        properties: {
          anything: {},
          described: { description: "free" },
          list: { type: "array" },
          nested: { properties: { a: { type: "boolean" } } },
        },
      }),
    ).toEqual({
      type: "OBJECT",
      properties: {
        anything: { type: "STRING", description: "Any value, written as JSON text." },
        described: { type: "STRING", description: "free" },
        list: {
          type: "ARRAY",
          items: { type: "STRING", description: "Any value, written as JSON text." },
        },
        nested: { type: "OBJECT", properties: { a: { type: "BOOLEAN" } } },
      },
    });
  });

  it("turns oneOf into anyOf, merges allOf and folds null members into nullable", () => {
    expect(
      openapi({
        oneOf: [{ type: "string" }, { type: "integer" }, { type: "null" }],
        description: "id",
      }),
    ).toEqual({
      description: "id",
      nullable: true,
      anyOf: [{ type: "STRING" }, { type: "INTEGER" }],
    });
    expect(
      openapi({
        allOf: [
          { type: "object", properties: { a: { type: "string" } }, required: ["a"] },
          { properties: { b: { type: "boolean" } }, required: ["b"] },
        ],
      }),
    ).toEqual({
      type: "OBJECT",
      properties: { a: { type: "STRING" }, b: { type: "BOOLEAN" } },
      required: ["a", "b"],
    });
    expect(openapi({ anyOf: [{ type: "string", maxLength: 3 }, { type: "null" }] })).toEqual({
      type: "STRING",
      maxLength: 3,
      nullable: true,
    });
  });

  it("turns type arrays into type + nullable, or anyOf for several types", () => {
    expect(openapi({ type: ["string", "null"], enum: ["a", "b", null] })).toEqual({
      type: "STRING",
      enum: ["a", "b"],
      nullable: true,
    });
    expect(openapi({ type: ["string", "number"] })).toEqual({
      anyOf: [{ type: "STRING" }, { type: "NUMBER" }],
    });
  });

  it("keeps integer enums integers (values described) and makes const an enum", () => {
    expect(openapi({ const: "fixed" })).toEqual({ type: "STRING", enum: ["fixed"] });
    expect(openapi({ type: "integer", enum: [1, 2], description: "Level." })).toEqual({
      type: "INTEGER",
      description: "Level. Allowed values: 1, 2.",
    });
    expect(openapi({ enum: [1, 2, 3] })).toEqual({
      type: "INTEGER",
      description: "Allowed values: 1, 2, 3.",
    });
  });

  it("keeps a tuple's length and states its order; describes a record's values", () => {
    expect(
      openapi({ type: "array", prefixItems: [{ type: "number" }, { type: "string" }] }),
    ).toEqual({
      type: "ARRAY",
      items: { anyOf: [{ type: "NUMBER" }, { type: "STRING" }] },
      minItems: 2,
      description: "In this order: NUMBER, STRING.",
    });
    expect(openapi({ type: "object", additionalProperties: { type: "integer" } })).toEqual({
      type: "OBJECT",
      description: "A map from string keys to INTEGER values.",
    });
  });

  it("keeps only the formats Gemini accepts", () => {
    expect(
      openapi({
        type: "object",
        properties: {
          when: { type: "string", format: "date-time" },
          mail: { type: "string", format: "email" },
          count: { type: "integer", format: "int64" },
          odd: { type: "number", format: "int32" },
        },
      }).properties,
    ).toEqual({
      when: { type: "STRING", format: "date-time" },
      mail: { type: "STRING" },
      count: { type: "INTEGER", format: "int64" },
      odd: { type: "NUMBER" },
    });
  });

  it("leaves parameters unset for a function that takes nothing", () => {
    expect(toGeminiFunctionSchema(undefined, { model: MODEL, param: "p" })).toEqual({});
    expect(
      toGeminiFunctionSchema({ type: "object", properties: {} }, { model: MODEL, param: "p" }),
    ).toEqual({});
    expect(
      toGeminiFunctionSchema(
        { type: "object", properties: { a: { type: "string" } } },
        { model: MODEL, param: "p" },
      ),
    ).toEqual({
      parameters: { type: "OBJECT", properties: { a: { type: "STRING" } } },
    });
  });
});
