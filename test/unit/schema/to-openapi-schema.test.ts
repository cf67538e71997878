import { describe, expect, it } from "vitest";
import { toGeminiSchema } from "../../../src/schema/json-schema.ts";

/** Every key Gemini's Schema accepts; anything else would be a 400 from the API. */
const ALLOWED = new Set([
  "type",
  "format",
  "title",
  "description",
  "nullable",
  "enum",
  "maxItems",
  "minItems",
  "properties",
  "required",
  "minProperties",
  "maxProperties",
  "minLength",
  "maxLength",
  "pattern",
  "example",
  "anyOf",
  "propertyOrdering",
  "default",
  "items",
  "minimum",
  "maximum",
]);

function unknownKeys(schema: unknown, path = "$"): string[] {
  if (typeof schema !== "object" || schema === null) return [];
  const found: string[] = [];
  for (const [key, value] of Object.entries(schema)) {
    if (!ALLOWED.has(key)) found.push(`${path}.${key}`);
    if (key === "properties") {
      for (const [name, property] of Object.entries(value as object))
        found.push(...unknownKeys(property, `${path}.properties.${name}`));
    } else if (key === "items") found.push(...unknownKeys(value, `${path}.items`));
    else if (key === "anyOf") {
      for (const [index, member] of (value as unknown[]).entries()) {
        found.push(...unknownKeys(member, `${path}.anyOf[${index}]`));
      }
    }
  }
  return found;
}

describe("toGeminiSchema", () => {
  it("inlines local $ref/$defs and drops what Gemini rejects", () => {
    const schema = toGeminiSchema({
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
        end: { $ref: "#/definitions/Missing" },
        tags: {
          type: "array",
          items: { type: "string", examples: ["a"] },
          minItems: 1,
          uniqueItems: true,
        },
      },
      required: ["start", "nope"],
      additionalProperties: false,
    });
    expect(unknownKeys(schema)).toEqual([]);
    expect(schema).toMatchInlineSnapshot(`
      {
        "properties": {
          "end": {
            "type": "OBJECT",
          },
          "start": {
            "description": "where it starts",
            "properties": {
              "x": {
                "type": "NUMBER",
              },
            },
            "type": "OBJECT",
          },
          "tags": {
            "items": {
              "example": "a",
              "type": "STRING",
            },
            "minItems": 1,
            "type": "ARRAY",
          },
        },
        "required": [
          "start",
        ],
        "type": "OBJECT",
      }
    `);
  });

  it("stops at recursive references instead of looping", () => {
    const schema = toGeminiSchema({
      $defs: {
        Node: {
          type: "object",
          properties: { value: { type: "string" }, next: { $ref: "#/$defs/Node" } },
        },
      },
      $ref: "#/$defs/Node",
    });
    expect(schema).toEqual({
      type: "OBJECT",
      properties: { value: { type: "STRING" }, next: { type: "OBJECT" } },
    });
  });

  it("turns oneOf into anyOf, merges allOf and folds null members into nullable", () => {
    expect(
      toGeminiSchema({
        oneOf: [{ type: "string" }, { type: "integer" }, { type: "null" }],
        description: "id",
      }),
    ).toEqual({
      description: "id",
      nullable: true,
      anyOf: [{ type: "STRING" }, { type: "INTEGER" }],
    });
    expect(
      toGeminiSchema({
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
    expect(toGeminiSchema({ anyOf: [{ type: "string", maxLength: 3 }, { type: "null" }] })).toEqual(
      {
        type: "STRING",
        maxLength: 3,
        nullable: true,
      },
    );
  });

  it("turns type arrays into type + nullable, or anyOf for several types", () => {
    expect(toGeminiSchema({ type: ["string", "null"], enum: ["a", "b", null] })).toEqual({
      type: "STRING",
      enum: ["a", "b"],
      nullable: true,
    });
    expect(toGeminiSchema({ type: ["string", "number"] })).toEqual({
      anyOf: [{ type: "STRING" }, { type: "NUMBER" }],
    });
  });

  it("makes const and enums strings, describing enums of other types", () => {
    expect(toGeminiSchema({ const: "fixed" })).toEqual({ type: "STRING", enum: ["fixed"] });
    expect(toGeminiSchema({ type: "string", enum: ["x", 2, true] })).toEqual({
      type: "STRING",
      enum: ["x", "2", "true"],
    });
    expect(toGeminiSchema({ type: "integer", enum: [1, 2], description: "Level." })).toEqual({
      type: "INTEGER",
      description: "Level. Allowed values: 1, 2.",
    });
  });

  it("keeps only the formats Gemini accepts", () => {
    const formats = toGeminiSchema({
      type: "object",
      properties: {
        when: { type: "string", format: "date-time" },
        mail: { type: "string", format: "email" },
        count: { type: "integer", format: "int64" },
        ratio: { type: "number", format: "double" },
        odd: { type: "number", format: "int32" },
      },
    }).properties;
    expect(formats).toEqual({
      when: { type: "STRING", format: "date-time" },
      mail: { type: "STRING" },
      count: { type: "INTEGER", format: "int64" },
      ratio: { type: "NUMBER", format: "double" },
      odd: { type: "NUMBER" },
    });
  });

  it("answers an empty schema for input that is not a schema object", () => {
    expect(toGeminiSchema(undefined)).toEqual({});
    expect(toGeminiSchema(true)).toEqual({});
  });
});
