import { describe, expect, it } from "vitest";
import {
  toGeminiFunctionSchema,
  toGeminiResponseSchema,
} from "../../../src/schema/gemini-schema.ts";
import { jsonSchemaProblems } from "../../support/json-schema-rules.ts";

const MODEL = "gemini-2.5-flash";

function json(schema: unknown): Record<string, unknown> {
  const result = toGeminiResponseSchema(schema, {
    model: MODEL,
    param: "response_format.json_schema.schema",
  });
  if (!("responseJsonSchema" in result) || !result.responseJsonSchema)
    throw new Error("expected JSON Schema");
  expect(jsonSchemaProblems(result.responseJsonSchema)).toEqual([]);
  return result.responseJsonSchema;
}

describe("toGeminiResponseSchema / toGeminiFunctionSchema in JSON Schema mode", () => {
  it("sends a plain schema as written, $schema and additionalProperties included", () => {
    const schema = {
      $schema: "http://json-schema.org/draft-07/schema#",
      type: "object",
      properties: {
        path: { type: "string", description: "Where" },
        mode: { type: "integer", enum: [420, 493] },
        env: { type: "object", additionalProperties: { type: "string" } },
        pair: { type: "array", prefixItems: [{ type: "number" }, { type: "string" }] },
        maybe: { type: ["string", "null"] },
      },
      required: ["path"],
      additionalProperties: false,
    };
    expect(json(schema)).toEqual(schema);
  });

  it("moves a $ref with other keywords into a one-member anyOf, keeping them", () => {
    expect(
      json({
        $defs: { Address: { type: "object", properties: { city: { type: "string" } } } },
        type: "object",
        properties: { home: { $ref: "#/$defs/Address", description: "Where the person lives" } },
      }).properties,
    ).toEqual({
      home: { description: "Where the person lives", anyOf: [{ $ref: "#/$defs/Address" }] },
    });
  });

  it("keeps recursion as $ref: draft-7 definitions become $defs, other pointers point at a hoisted copy", () => {
    expect(
      json({
        $ref: "#/definitions/Node",
        definitions: {
          Node: {
            type: "object",
            properties: { next: { $ref: "#/definitions/Node" }, tag: { type: "string" } },
          },
        },
      }),
    ).toEqual({
      $ref: "#/$defs/Node",
      $defs: {
        Node: {
          type: "object",
          properties: { next: { $ref: "#/$defs/Node" }, tag: { type: "string" } },
        },
      },
    });
    const hoisted = json({
      type: "object",
      properties: {
        to: { type: "array", items: { type: "object", properties: { name: { type: "string" } } } },
        cc: { $ref: "#/properties/to" },
        tree: { type: "object", properties: { child: { $ref: "#/properties/tree" } } },
      },
    });
    expect(hoisted.properties).toMatchObject({
      cc: { $ref: "#/$defs/ref0" },
      tree: { properties: { child: { $ref: "#/$defs/ref1" } } },
    });
    expect(hoisted.$defs).toEqual({
      ref0: { type: "array", items: { type: "object", properties: { name: { type: "string" } } } },
      ref1: { type: "object", properties: { child: { $ref: "#/$defs/ref1" } } },
    });
  });

  it("points $anchor references at a hoisted copy and drops anchors and nested $id", () => {
    expect(
      json({
        type: "object",
        properties: {
          node: {
            $anchor: "node",
            $id: "https://example.com/node",
            type: "object",
            properties: { next: { $ref: "#node" } },
          },
        },
      }),
    ).toEqual({
      type: "object",
      properties: { node: { type: "object", properties: { next: { $ref: "#/$defs/ref0" } } } },
      $defs: { ref0: { type: "object", properties: { next: { $ref: "#/$defs/ref0" } } } },
    });
  });

  it("makes optional a required property on a $ref loop (Gemini refuses such loops), keeping the recursion", () => {
    const schema = {
      $defs: {
        Expression: {
          type: "object",
          properties: {
            op: { type: "string" },
            left: { anyOf: [{ type: "number" }, { $ref: "#/$defs/Expression" }] },
            right: { anyOf: [{ type: "number" }, { $ref: "#/$defs/Expression" }] },
            note: { anyOf: [{ $ref: "#/$defs/Expression" }, { type: "null" }] },
          },
          required: ["op", "left", "right", "note"],
        },
        List: {
          type: "object",
          properties: { items: { type: "array", items: { $ref: "#/$defs/List" } } },
          required: ["items"],
        },
      },
      type: "object",
      properties: { expression: { $ref: "#/$defs/Expression" }, list: { $ref: "#/$defs/List" } },
      required: ["expression", "list"],
    };
    const sent = json(schema);
    const defs = sent.$defs as Record<string, { required?: string[] }>;
    expect(defs.Expression?.required).toEqual(["op", "note"]);
    expect(defs.List?.required).toEqual(["items"]);
    expect(sent.required).toEqual(["expression", "list"]);
    expect(jsonSchemaProblems(schema)).toEqual([
      "#/$defs/Expression: a ref loop of required fields",
    ]);
  });

  it("makes const a one-value enum and splits null and booleans out of enums", () => {
    expect(json({ const: "cat" })).toEqual({ enum: ["cat"] });
    expect(json({ type: "integer", const: 2 })).toEqual({ type: "integer", enum: [2] });
    expect(json({ type: ["integer", "null"], enum: [1, 2, null] })).toEqual({
      anyOf: [{ type: "integer", enum: [1, 2] }, { type: "null" }],
    });
    expect(json({ enum: ["a", true] })).toEqual({
      anyOf: [{ type: "string", enum: ["a"] }, { type: "boolean" }],
    });
  });

  it("merges allOf, resolving references, and keeps a recursive member", () => {
    expect(
      json({
        $defs: { Id: { type: "object", properties: { id: { type: "string" } }, required: ["id"] } },
        allOf: [
          { $ref: "#/$defs/Id" },
          { type: "object", properties: { name: { type: "string" } }, required: ["name"] },
        ],
      }),
    ).toEqual({
      $defs: { Id: { type: "object", properties: { id: { type: "string" } }, required: ["id"] } },
      type: "object",
      properties: { id: { type: "string" }, name: { type: "string" } },
      required: ["id", "name"],
    });
  });

  it("turns draft-7 tuples into prefixItems, items: false into maxItems, nullable into a null type", () => {
    expect(
      json({
        type: "array",
        items: [{ type: "number" }, { type: "number" }],
        additionalItems: false,
      }),
    ).toEqual({
      type: "array",
      prefixItems: [{ type: "number" }, { type: "number" }],
      maxItems: 2,
    });
    expect(json({ type: "array", prefixItems: [{ type: "string" }], items: false })).toEqual({
      type: "array",
      prefixItems: [{ type: "string" }],
      maxItems: 1,
    });
    expect(json({ type: "string", nullable: true })).toEqual({ type: ["string", "null"] });
  });

  it("states the declared key order to Gemini 2.0, which answers keys alphabetically otherwise", () => {
    const schema = {
      type: "object",
      properties: {
        zeta: { type: "string" },
        alpha: { type: "object", properties: { b: { type: "string" }, a: { type: "string" } } },
      },
    };
    const param = "response_format.json_schema.schema";
    expect(toGeminiResponseSchema(schema, { model: "gemini-2.0-flash", param })).toEqual({
      responseJsonSchema: {
        type: "object",
        properties: {
          zeta: { type: "string" },
          alpha: {
            type: "object",
            properties: { b: { type: "string" }, a: { type: "string" } },
            propertyOrdering: ["b", "a"],
          },
        },
        propertyOrdering: ["zeta", "alpha"],
      },
    });
    expect(toGeminiResponseSchema(schema, { model: "gemini-2.5-flash", param })).toEqual({
      responseJsonSchema: schema,
    });
  });

  it("gives a function's parameters an object root and leaves them out when there are none", () => {
    const param = "tools[0].function.parameters";
    expect(
      toGeminiFunctionSchema({ properties: { a: { type: "string" } } }, { model: MODEL, param }),
    ).toEqual({
      parametersJsonSchema: { type: "object", properties: { a: { type: "string" } } },
    });
    expect(
      toGeminiFunctionSchema({ type: "object", properties: {} }, { model: MODEL, param }),
    ).toEqual({});
    expect(
      toGeminiFunctionSchema(
        {
          $ref: "#/definitions/Args",
          definitions: { Args: { type: "object", properties: { q: { type: "string" } } } },
        },
        { model: MODEL, param },
      ),
    ).toEqual({
      parametersJsonSchema: {
        type: "object",
        properties: { q: { type: "string" } },
        $defs: { Args: { type: "object", properties: { q: { type: "string" } } } },
      },
    });
  });
});
