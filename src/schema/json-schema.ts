import type { GeminiSchema, GeminiSchemaType } from "../gemini/types.ts";

type JsonObject = Record<string, unknown>;

/** Deepest `$ref` chain followed; deeper (or recursive) references become a plain OBJECT. */
const MAX_REF_DEPTH = 8;
const TYPES: Record<string, GeminiSchemaType> = {
  string: "STRING",
  number: "NUMBER",
  integer: "INTEGER",
  boolean: "BOOLEAN",
  array: "ARRAY",
  object: "OBJECT",
  null: "NULL",
};
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

interface Walk {
  root: JsonObject;
  refs: string[];
}

/**
 * JSON Schema (as OpenAI tools and response_format carry it) → the OpenAPI subset Gemini accepts.
 * Local `$ref`s are inlined, `allOf` merged, `oneOf` becomes `anyOf`, `["x","null"]` becomes
 * `nullable`, `const` an enum; everything Gemini would reject as an unknown field is dropped.
 */
export function toGeminiSchema(jsonSchema: unknown): GeminiSchema {
  const root = isObject(jsonSchema) ? jsonSchema : {};
  return convert(root, { root, refs: [] });
}

function convert(node: unknown, walk: Walk): GeminiSchema {
  if (!isObject(node)) return {};
  if (typeof node.$ref === "string") return convertRef(node, node.$ref, walk);
  if (Array.isArray(node.allOf)) {
    const { allOf, ...rest } = node;
    return mergeAll([rest, ...allOf].map((part) => convert(part, walk)));
  }
  const union = Array.isArray(node.anyOf) ? node.anyOf : node.oneOf;
  if (Array.isArray(union)) return convertUnion(node, union, walk);
  if (Array.isArray(node.type)) {
    const { type, ...rest } = node;
    return convertUnion(
      rest,
      type.map((name) => ({ type: name })),
      walk,
    );
  }
  const schema: GeminiSchema = {};
  const type = typeof node.type === "string" ? TYPES[node.type] : undefined;
  if (type) schema.type = type;
  if (typeof node.title === "string") schema.title = node.title;
  if (typeof node.description === "string") schema.description = node.description;
  if (node.nullable === true) schema.nullable = true;
  if (typeof node.format === "string" && type && FORMATS[type]?.includes(node.format)) {
    schema.format = node.format;
  }
  if (typeof node.pattern === "string") schema.pattern = node.pattern;
  for (const key of COPIED_NUMBERS) {
    const value = node[key];
    if (typeof value === "number") schema[key] = value;
  }
  if ("default" in node) schema.default = node.default;
  if ("example" in node) schema.example = node.example;
  else if (Array.isArray(node.examples) && node.examples.length > 0) {
    schema.example = node.examples[0];
  }
  const values = "const" in node ? [node.const] : Array.isArray(node.enum) ? node.enum : null;
  if (values) applyEnum(schema, values);
  if (isObject(node.properties)) {
    schema.properties = {};
    for (const [name, property] of Object.entries(node.properties)) {
      schema.properties[name] = convert(property, walk);
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
  if (isObject(node.items)) schema.items = convert(node.items, walk);
  else if (Array.isArray(node.items) && node.items.length > 0) {
    schema.items = convertUnion({}, node.items, walk);
  }
  return schema;
}

/** Gemini enums are strings of a STRING schema; other typed enums are described instead. */
function applyEnum(schema: GeminiSchema, values: unknown[]) {
  const strings = values.filter((value) => value !== null).map((value) => String(value));
  if (values.includes(null)) schema.nullable = true;
  if (!schema.type || schema.type === "STRING") {
    schema.type = "STRING";
    schema.enum = strings;
    return;
  }
  const allowed = `Allowed values: ${strings.join(", ")}.`;
  schema.description = schema.description ? `${schema.description} ${allowed}` : allowed;
}

function convertUnion(node: JsonObject, members: unknown[], walk: Walk): GeminiSchema {
  const { anyOf: _anyOf, oneOf: _oneOf, ...rest } = node;
  const own = convert(rest, walk);
  const isNull = (member: unknown) => isObject(member) && member.type === "null";
  const options = members
    .filter((member) => !isNull(member))
    .map((member) => convert(member, walk));
  const nullable = options.length < members.length ? { nullable: true } : {};
  if (options.length === 1) return { ...options[0], ...own, ...nullable };
  if (options.length === 0) return { ...own, ...nullable };
  return { ...own, ...nullable, anyOf: options };
}

function convertRef(node: JsonObject, ref: string, walk: Walk): GeminiSchema {
  const { $ref: _ref, ...siblings } = node;
  const own = convert(siblings, walk);
  const target = resolvePointer(walk.root, ref);
  if (target === undefined || walk.refs.includes(ref) || walk.refs.length >= MAX_REF_DEPTH) {
    return { type: "OBJECT", ...own };
  }
  return { ...convert(target, { root: walk.root, refs: [...walk.refs, ref] }), ...own };
}

function resolvePointer(root: JsonObject, ref: string): unknown {
  if (!ref.startsWith("#")) return undefined;
  let current: unknown = root;
  for (const raw of ref.slice(1).split("/").filter(Boolean)) {
    const key = decodeURIComponent(raw).replaceAll("~1", "/").replaceAll("~0", "~");
    if (!isObject(current)) return undefined;
    current = current[key];
  }
  return current;
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

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
