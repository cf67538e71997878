import type { GeminiSchema, GeminiSchemaType } from "../gemini/types.ts";
import { isObject, type JsonObject, resolveRef } from "./json-pointer.ts";
import type { SchemaBudget } from "./schema-budget.ts";

const TYPES: Record<string, GeminiSchemaType> = {
  string: "STRING",
  number: "NUMBER",
  integer: "INTEGER",
  boolean: "BOOLEAN",
  array: "ARRAY",
  object: "OBJECT",
};
/** Schema.format per type (https://ai.google.dev/api/caching#Schema); others are refused. */
const FORMATS: Partial<Record<GeminiSchemaType, string[]>> = {
  STRING: ["enum", "date-time"],
  INTEGER: ["int32", "int64"],
  NUMBER: ["float", "double"],
};
const COPIED_NUMBERS = [
  "minimum",
  "maximum",
  "minItems",
  "maxItems",
  "minLength",
  "maxLength",
  "minProperties",
  "maxProperties",
] as const;
/** How often one `$ref` may be inlined inside itself before the recursion is cut. */
const MAX_UNROLL = 2;

interface Walk {
  root: unknown;
  budget: SchemaBudget;
  /** `$ref`s being inlined, outermost first. */
  refs: string[];
}

/**
 * JSON Schema → Gemini's OpenAPI-subset `Schema` (`parameters`, `responseSchema`), for models
 * that do not take JSON Schema (see schema-mode.ts). Every node obeys Gemini's Schema checks
 * (emulator/README.md lists them with their sources): a `type` unless `anyOf` is used
 * ("must be specified when not using one_of, any_of or all_of fields"), `properties` only on
 * OBJECT, `items` on every ARRAY ("items: missing field."), `enum` only on STRING, formats from
 * the list above, `required` naming defined properties; unknown keywords are dropped (ESF
 * refuses them: `Unknown name "const"`). What the subset cannot say is kept as close as it can:
 * local `$ref`s are inlined (a recursive one unrolled twice, then an OBJECT), `allOf` merged,
 * `oneOf` and type lists become `anyOf`/`nullable`, `const` an enum, a number enum or a tuple's
 * order goes into the description, integers stay INTEGER.
 */
export function toOpenApiSchema(schema: JsonObject, budget: SchemaBudget): GeminiSchema {
  return convert(schema, 0, "", { root: schema, budget, refs: [] });
}

function convert(node: unknown, depth: number, path: string, walk: Walk): GeminiSchema {
  walk.budget.enter(depth, path);
  if (node === true || node === undefined) return anyValue();
  if (!isObject(node)) {
    throw walk.budget.invalid(`'${path || "(root)"}' is not a schema (an object or a boolean)`);
  }
  if (typeof node.$ref === "string") return convertRef(node, node.$ref, depth, path, walk);
  if (Array.isArray(node.allOf)) {
    const { allOf, ...rest } = node;
    const parts = allOf.map((part, index) =>
      convert(part, depth + 1, `${path}.allOf[${index}]`, walk),
    );
    return settle(mergeAll([convertPlain(rest, depth, path, walk), ...parts]));
  }
  const union = Array.isArray(node.anyOf) ? node.anyOf : node.oneOf;
  const types = Array.isArray(node.type) ? node.type : undefined;
  if (Array.isArray(union) || types) {
    const { anyOf: _anyOf, oneOf: _oneOf, type: _type, ...rest } = node;
    const members = Array.isArray(union) ? union : (types ?? []).map((type) => ({ ...rest, type }));
    return convertUnion(
      Array.isArray(union) ? { ...rest, ...(types && { type: types }) } : {},
      members,
      depth,
      path,
      walk,
    );
  }
  return settle(convertPlain(node, depth, path, walk));
}

function convertPlain(node: JsonObject, depth: number, path: string, walk: Walk): GeminiSchema {
  const schema: GeminiSchema = {};
  const type = typeof node.type === "string" ? TYPES[node.type] : undefined;
  if (node.type === "null") schema.nullable = true;
  if (type) schema.type = type;
  for (const key of ["title", "description", "pattern"] as const) {
    const value = node[key];
    if (typeof value === "string") {
      walk.budget.spend(value);
      schema[key] = value;
    }
  }
  if (node.nullable === true) schema.nullable = true;
  if (typeof node.format === "string") schema.format = node.format;
  for (const key of COPIED_NUMBERS) {
    const value = node[key];
    if (typeof value === "number") schema[key] = value;
  }
  if (typeof node.exclusiveMinimum === "number") schema.minimum = node.exclusiveMinimum;
  if (typeof node.exclusiveMaximum === "number") schema.maximum = node.exclusiveMaximum;
  if ("default" in node) {
    walk.budget.spend(node.default);
    schema.default = node.default;
  }
  const example =
    "example" in node ? node.example : Array.isArray(node.examples) ? node.examples[0] : undefined;
  if (example !== undefined) {
    walk.budget.spend(example);
    schema.example = example;
  }
  const values = "const" in node ? [node.const] : Array.isArray(node.enum) ? node.enum : undefined;
  if (values) {
    walk.budget.spend(values);
    applyEnum(schema, values);
  }
  if (isObject(node.properties)) {
    schema.type ??= "OBJECT";
    schema.properties = {};
    for (const [name, property] of Object.entries(node.properties)) {
      walk.budget.spend(name);
      schema.properties[name] = convert(property, depth + 1, `${path}.properties.${name}`, walk);
    }
    if (Array.isArray(node.required)) {
      const names = Object.keys(schema.properties);
      schema.required = node.required.filter(
        (name): name is string => typeof name === "string" && names.includes(name),
      );
    }
    if (Array.isArray(node.propertyOrdering)) {
      schema.propertyOrdering = node.propertyOrdering.filter((name) => typeof name === "string");
    }
  }
  if (isObject(node.additionalProperties) && !schema.properties) {
    schema.type ??= "OBJECT";
    const value = convert(
      node.additionalProperties,
      depth + 1,
      `${path}.additionalProperties`,
      walk,
    );
    describe(schema, `A map from string keys to ${value.type ?? "any"} values.`);
  }
  const tuple = Array.isArray(node.prefixItems)
    ? node.prefixItems
    : Array.isArray(node.items)
      ? node.items
      : undefined;
  if (tuple && tuple.length > 0) {
    schema.type ??= "ARRAY";
    const members = tuple.map((item, index) =>
      convert(item, depth + 2, `${path}.prefixItems[${index}]`, walk),
    );
    schema.items = members.length === 1 ? (members[0] as GeminiSchema) : { anyOf: members };
    schema.minItems ??= members.length;
    if (node.items === false || node.additionalItems === false || Array.isArray(node.items)) {
      schema.maxItems ??= members.length;
    }
    describe(schema, `In this order: ${members.map((member) => member.type ?? "any").join(", ")}.`);
  } else if (isObject(node.items)) {
    schema.type ??= "ARRAY";
    schema.items = convert(node.items, depth + 1, `${path}.items`, walk);
  }
  return schema;
}

/** Gemini enums are strings of a STRING schema; other typed enums are described instead. */
function applyEnum(schema: GeminiSchema, values: unknown[]) {
  const present = values.filter((value) => value !== null);
  if (present.length < values.length) schema.nullable = true;
  const strings = present.map((value) =>
    typeof value === "string" ? value : JSON.stringify(value),
  );
  if (!schema.type && present.every((value) => typeof value === "string")) schema.type = "STRING";
  if (schema.type === "STRING") {
    schema.enum = strings;
    return;
  }
  if (!schema.type && present.every((value) => typeof value === "number")) {
    schema.type = present.every(Number.isInteger) ? "INTEGER" : "NUMBER";
  }
  describe(schema, `Allowed values: ${strings.join(", ")}.`);
}

function convertUnion(
  own: JsonObject,
  members: unknown[],
  depth: number,
  path: string,
  walk: Walk,
) {
  const base = Object.keys(own).length > 0 ? convertPlain(own, depth, path, walk) : {};
  const isNull = (member: unknown) => isObject(member) && member.type === "null";
  const options = members
    .map((member, index) => ({ member, index }))
    .filter(({ member }) => !isNull(member))
    .map(({ member, index }) => convert(member, depth + 1, `${path}.anyOf[${index}]`, walk));
  const nullable = options.length < members.length ? { nullable: true } : {};
  const { type: _type, ...annotations } = base;
  if (options.length === 1) return settle({ ...options[0], ...annotations, ...nullable });
  if (options.length === 0) return settle({ ...base, ...nullable });
  return { ...annotations, ...nullable, anyOf: options };
}

function convertRef(node: JsonObject, ref: string, depth: number, path: string, walk: Walk) {
  const { $ref: _ref, ...siblings } = node;
  const target = resolveRef(walk.root, ref);
  if (target === undefined) {
    throw walk.budget.invalid(
      `the $ref '${ref.slice(0, 100)}' at '${path || "(root)"}' does not resolve in the schema`,
    );
  }
  const own = Object.keys(siblings).length > 0 ? convertPlain(siblings, depth, path, walk) : {};
  const { type: _type, ...annotations } = own;
  if (walk.refs.filter((seen) => seen === ref).length >= MAX_UNROLL) {
    return settle({ type: "OBJECT", ...annotations });
  }
  walk.refs.push(ref);
  const inlined = convert(target, depth + 1, path, walk);
  walk.refs.pop();
  return settle({ ...inlined, ...annotations });
}

/** A node Gemini accepts: typed (or a union), properties only on OBJECT, items on ARRAY. */
function settle(schema: GeminiSchema): GeminiSchema {
  if (schema.anyOf && schema.anyOf.length > 0) {
    delete schema.type;
    return schema;
  }
  if (!schema.type) {
    if (schema.properties) schema.type = "OBJECT";
    else if (schema.items) schema.type = "ARRAY";
    else
      Object.assign(
        schema,
        anyValue(),
        schema.description ? { description: schema.description } : {},
      );
  }
  if (schema.type !== "OBJECT") {
    delete schema.properties;
    delete schema.required;
    delete schema.propertyOrdering;
  }
  if (schema.type === "ARRAY") schema.items ??= anyValue();
  else delete schema.items;
  if (schema.enum && schema.type !== "STRING") delete schema.enum;
  if (schema.format && !FORMATS[schema.type as GeminiSchemaType]?.includes(schema.format)) {
    delete schema.format;
  }
  return schema;
}

/** "Any value" has no Schema form; a string is the one every client can read back. */
function anyValue(): GeminiSchema {
  return { type: "STRING", description: "Any value, written as JSON text." };
}

function describe(schema: GeminiSchema, text: string) {
  schema.description = schema.description ? `${schema.description} ${text}` : text;
}

function mergeAll(schemas: GeminiSchema[]): GeminiSchema {
  const merged: GeminiSchema = {};
  for (const schema of schemas) {
    const { properties, required, ...rest } = schema;
    for (const [key, value] of Object.entries(rest)) {
      if (!(key in merged)) (merged as JsonObject)[key] = value;
    }
    if (properties) merged.properties = { ...merged.properties, ...properties };
    if (required) merged.required = [...new Set([...(merged.required ?? []), ...required])];
  }
  return merged;
}
