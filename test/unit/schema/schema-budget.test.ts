import { describe, expect, it } from "vitest";
import { ApiError } from "../../../common/api-error.ts";
import {
  toGeminiFunctionSchema,
  toGeminiResponseSchema,
} from "../../../src/schema/gemini-schema.ts";
import { SCHEMA_LIMITS } from "../../../src/schema/schema-budget.ts";

const MODELS = ["gemini-2.5-flash", "gemma-3-27b-it"];
const TOOL = "tools[3].function.parameters";
const RESPONSE = "response_format.json_schema.schema";

/** A schema nested `levels` deep through `key`, built without recursion. */
function nested(levels: number, wrap: (inner: unknown) => unknown): unknown {
  let schema: unknown = { type: "string" };
  for (let level = 0; level < levels; level += 1) schema = wrap(schema);
  return schema;
}

/** ~2 KB: 30 definitions, each naming the next twice, so inlining doubles 30 times. */
function chainedRefs(): Record<string, unknown> {
  const $defs: Record<string, unknown> = { d30: { type: "string" } };
  for (let index = 0; index < 30; index += 1) {
    const next = { $ref: `#/$defs/d${index + 1}` };
    $defs[`d${index}`] = { type: "object", properties: { a: next, b: next } };
  }
  return { type: "object", properties: { root: { $ref: "#/$defs/d0" } }, $defs };
}

function refusal(run: () => unknown): ApiError {
  try {
    run();
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error("expected a 400");
}

describe.each(MODELS)("schema bounds (%s)", (model) => {
  it("answers 400 naming the field for a 10,000-deep schema, without using the stack", () => {
    const deep = nested(10_000, (inner) => ({ type: "object", properties: { a: inner } }));
    const error = refusal(() => toGeminiFunctionSchema(deep, { model, param: TOOL }));
    expect(error.status).toBe(400);
    expect(error.param).toBe(TOOL);
    expect(error.message).toContain(`deeper than ${SCHEMA_LIMITS.depth} levels`);
    const items = nested(10_000, (inner) => ({ type: "array", items: inner }));
    expect(refusal(() => toGeminiResponseSchema(items, { model, param: RESPONSE })).param).toBe(
      RESPONSE,
    );
  });

  it("answers 400 for a schema a little over the depth limit and accepts one at it", () => {
    const at = nested(SCHEMA_LIMITS.depth, (inner) => ({ type: "array", items: inner }));
    expect(() => toGeminiResponseSchema(at, { model, param: RESPONSE })).not.toThrow();
    const over = nested(SCHEMA_LIMITS.depth + 1, (inner) => ({ type: "array", items: inner }));
    expect(refusal(() => toGeminiResponseSchema(over, { model, param: RESPONSE })).status).toBe(
      400,
    );
  });

  it("answers 400 for a $ref that does not resolve or is malformed, naming where it is", () => {
    for (const ref of [
      "#/%",
      "#/$defs/missing",
      "#/properties/%E0%A4%A",
      "https://example.com/s.json",
      "#x",
    ]) {
      const schema = { type: "object", properties: { a: { $ref: ref } } };
      const error = refusal(() => toGeminiFunctionSchema(schema, { model, param: TOOL }));
      expect(error.status).toBe(400);
      expect(error.param).toBe(TOOL);
      expect(error.message).toContain("properties.a");
    }
  });

  it("answers 400 for a value that is not a schema", () => {
    expect(refusal(() => toGeminiResponseSchema("string", { model, param: RESPONSE })).param).toBe(
      RESPONSE,
    );
    const schema = { type: "object", properties: { a: 42 } };
    expect(refusal(() => toGeminiFunctionSchema(schema, { model, param: TOOL })).message).toContain(
      "properties.a",
    );
  });

  it("answers 400 for huge text copied many times", () => {
    const text = "x".repeat(200_000);
    const schema = {
      type: "object",
      properties: Object.fromEntries(
        [..."abcdef"].map((name) => [name, { type: "string", description: text }]),
      ),
    };
    expect(refusal(() => toGeminiFunctionSchema(schema, { model, param: TOOL })).message).toContain(
      "characters",
    );
  });
});

describe("chained $refs", () => {
  it("stay references in JSON Schema mode: the body is as small as the schema", () => {
    const schema = chainedRefs();
    const result = toGeminiFunctionSchema(schema, { model: "gemini-2.5-flash", param: TOOL });
    expect(JSON.stringify(result).length).toBeLessThan(2 * JSON.stringify(schema).length);
  });

  it("answer 400 in the OpenAPI subset instead of expanding to millions of nodes", () => {
    const error = refusal(() =>
      toGeminiFunctionSchema(chainedRefs(), { model: "gemma-3-27b-it", param: TOOL }),
    );
    expect(error.param).toBe(TOOL);
    expect(error.message).toContain(`more than ${SCHEMA_LIMITS.nodes} schema nodes`);
  });
});
