import type { GeminiSchema } from "../gemini/types.ts";
import { isObject, type JsonObject, resolveRef } from "./json-pointer.ts";
import { relaxRequiredRefLoops } from "./ref-loops.ts";
import { SchemaBudget } from "./schema-budget.ts";
import { schemaModeFor } from "./schema-mode.ts";
import { toJsonSchemaMode } from "./to-json-schema-mode.ts";
import { toOpenApiSchema } from "./to-openapi-schema.ts";

export interface SchemaTarget {
  /** The Gemini model the request goes to: it decides JSON Schema or the OpenAPI subset. */
  model: string;
  /** Where the schema is in the client's request, named by a 400 (`tools[3].function.parameters`). */
  param: string;
}

/** What a FunctionDeclaration carries: exactly one of the two, or neither (no parameters). */
export type GeminiFunctionSchema =
  | { parametersJsonSchema: JsonObject; parameters?: never }
  | { parameters: GeminiSchema; parametersJsonSchema?: never }
  | Record<string, never>;

/** What a GenerationConfig carries for a response schema: exactly one of the two. */
export type GeminiResponseSchema =
  | { responseJsonSchema: JsonObject; responseSchema?: never }
  | { responseSchema: GeminiSchema; responseJsonSchema?: never };

/**
 * A function's parameters (JSON Schema, as OpenAI `tools[].function.parameters`, Anthropic
 * `input_schema` and Responses `tools[].parameters` carry them) → the FunctionDeclaration fields
 * to spread into it. A function without parameters gets neither field ("for function with no
 * parameters, this can be left unset", FunctionDeclaration.parameters in @google/genai).
 * Bounded (schema-budget.ts): a schema over the limits, with a `$ref` that does not resolve, or
 * that is not an object is a 400 naming `param`.
 */
export function toGeminiFunctionSchema(
  schema: unknown,
  target: SchemaTarget,
): GeminiFunctionSchema {
  if (schema === undefined || schema === null) return {};
  const budget = new SchemaBudget(target.param);
  const root = functionRoot(readRoot(schema, budget));
  if (schemaModeFor(target.model) === "json-schema") {
    const converted = toJsonSchemaMode(root, budget);
    relaxRequiredRefLoops(converted);
    return takesParameters(converted) ? { parametersJsonSchema: converted } : {};
  }
  const converted = toOpenApiSchema(root, budget);
  // The subset refuses an OBJECT without properties ("properties: should be non-empty for
  // OBJECT type"); a function taking nothing leaves `parameters` unset.
  return converted.properties && Object.keys(converted.properties).length > 0
    ? { parameters: converted }
    : {};
}

/**
 * A response schema (OpenAI `response_format.json_schema.schema`, Responses `text.format.schema`)
 * → the GenerationConfig field to spread into it, beside `responseMimeType: "application/json"`.
 * Same bounds and errors as toGeminiFunctionSchema.
 */
export function toGeminiResponseSchema(
  schema: unknown,
  target: SchemaTarget,
): GeminiResponseSchema {
  const budget = new SchemaBudget(target.param);
  const root = readRoot(schema, budget);
  if (schemaModeFor(target.model) === "json-schema") {
    const orderProperties = target.model.replace(/^models\//, "").startsWith("gemini-2.0");
    const converted = toJsonSchemaMode(root, budget, { orderProperties });
    relaxRequiredRefLoops(converted);
    return { responseJsonSchema: converted };
  }
  return { responseSchema: toOpenApiSchema(root, budget) };
}

function readRoot(schema: unknown, budget: SchemaBudget): JsonObject {
  if (schema === true) return {};
  if (!isObject(schema)) throw budget.invalid("a schema is a JSON object");
  return schema;
}

/**
 * "The schema must describe an object where the properties are the parameters"
 * (FunctionDeclaration.parametersJsonSchema): a root `$ref` (zod-to-json-schema's `{ $ref,
 * definitions }`) is replaced by what it names, and an untyped root is typed `object`.
 */
function functionRoot(schema: JsonObject): JsonObject {
  let root = schema;
  for (let hops = 0; typeof root.$ref === "string" && root.$ref !== "#" && hops < 8; hops += 1) {
    const target = resolveRef(schema, root.$ref);
    if (!isObject(target)) break;
    const { $ref: _ref, ...siblings } = root;
    root = { ...siblings, ...target };
  }
  if (
    root.type === undefined &&
    root.anyOf === undefined &&
    root.oneOf === undefined &&
    root.$ref === undefined
  ) {
    root = { type: "object", ...root };
  }
  return root;
}

/** Whether a parameters schema admits any argument (else the declaration leaves it out). */
function takesParameters(schema: JsonObject): boolean {
  if (isObject(schema.properties) && Object.keys(schema.properties).length > 0) return true;
  return (
    ["anyOf", "oneOf", "allOf", "$ref", "patternProperties", "prefixItems"].some(
      (key) => key in schema,
    ) ||
    isObject(schema.additionalProperties) ||
    schema.additionalProperties === true
  );
}
