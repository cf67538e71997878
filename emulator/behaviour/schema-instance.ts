type JsonSchema = Record<string, unknown>;

/**
 * The smallest value that satisfies a Gemini Schema or a JSON Schema (as Gemini's responseSchema,
 * responseJsonSchema and parametersJsonSchema take it): `$ref` into `$defs`/`definitions`,
 * `anyOf`/`oneOf` (first branch), `allOf` (merged), `enum`/`const`, type lists (first non-null),
 * strings of `minLength` (formats date-time, date, email, uri, uuid honoured), numbers at
 * `minimum`/`exclusiveMinimum`, `prefixItems` tuples and `minItems`, objects with their required
 * properties and `minProperties` entries of `additionalProperties`.
 */
export function schemaInstance(schema: unknown, root: unknown = schema, depth = 0): unknown {
  if (typeof schema !== "object" || schema === null || depth > 32) return null;
  let spec = schema as JsonSchema;
  if (typeof spec.$ref === "string") {
    return schemaInstance(resolveRef(root, spec.$ref), root, depth + 1);
  }
  const allOf = spec.allOf;
  if (Array.isArray(allOf))
    spec = Object.assign({}, ...allOf.map((item) => deref(item, root)), spec);
  const options = (spec.anyOf ?? spec.any_of ?? spec.oneOf) as unknown[] | undefined;
  if (Array.isArray(options) && options.length > 0) {
    const nonNull = options.find((option) => typeName((option as JsonSchema)?.type) !== "NULL");
    return schemaInstance(nonNull ?? options[0], root, depth + 1);
  }
  if ("const" in spec) return spec.const;
  if (Array.isArray(spec.enum) && spec.enum.length > 0) return spec.enum[0];
  switch (typeName(spec.type, spec)) {
    case "STRING":
      return stringInstance(spec);
    case "INTEGER":
      return numberInstance(spec, true);
    case "NUMBER":
      return numberInstance(spec, false);
    case "BOOLEAN":
      return true;
    case "NULL":
      return null;
    case "ARRAY":
      return arrayInstance(spec, root, depth);
    default:
      return objectInstance(spec, root, depth);
  }
}

function deref(schema: unknown, root: unknown): JsonSchema {
  const spec = (schema ?? {}) as JsonSchema;
  return typeof spec.$ref === "string" ? ((resolveRef(root, spec.$ref) ?? {}) as JsonSchema) : spec;
}

function resolveRef(root: unknown, ref: string): unknown {
  if (!ref.startsWith("#")) return {};
  let node: unknown = root;
  for (const segment of ref.slice(1).split("/").filter(Boolean)) {
    const key = decodeURIComponent(segment.replace(/~1/g, "/").replace(/~0/g, "~"));
    node = typeof node === "object" && node !== null ? (node as JsonSchema)[key] : undefined;
  }
  return node;
}

const FORMATTED: Record<string, string> = {
  "date-time": "2025-01-01T00:00:00Z",
  date: "2025-01-01",
  time: "00:00:00Z",
  email: "echo@example.com",
  uri: "https://example.com/echo",
  url: "https://example.com/echo",
  uuid: "00000000-0000-4000-8000-000000000000",
};

function stringInstance(spec: JsonSchema): string {
  const formatted = typeof spec.format === "string" ? FORMATTED[spec.format] : undefined;
  if (formatted) return formatted;
  const minLength = Number(spec.minLength ?? spec.min_length ?? 0);
  const maxLength = Number(spec.maxLength ?? spec.max_length ?? Infinity);
  const text = "echo".padEnd(minLength, "o");
  return text.slice(0, Math.max(minLength, Math.min(text.length, maxLength)));
}

function numberInstance(spec: JsonSchema, integer: boolean): number {
  let value = 0;
  if (typeof spec.minimum === "number") value = Math.max(value, spec.minimum);
  if (typeof spec.exclusiveMinimum === "number" && value <= spec.exclusiveMinimum) {
    value = integer ? Math.floor(spec.exclusiveMinimum) + 1 : spec.exclusiveMinimum + 0.5;
  }
  if (typeof spec.maximum === "number" && value > spec.maximum) value = spec.maximum;
  if (typeof spec.exclusiveMaximum === "number" && value >= spec.exclusiveMaximum) {
    value = integer ? Math.ceil(spec.exclusiveMaximum) - 1 : spec.exclusiveMaximum - 0.5;
  }
  return integer ? Math.ceil(value) : value;
}

function arrayInstance(spec: JsonSchema, root: unknown, depth: number): unknown[] {
  const tuple = Array.isArray(spec.prefixItems) ? spec.prefixItems : [];
  const count = Math.max(tuple.length, Number(spec.minItems ?? spec.min_items ?? 1), 1);
  const maxItems = Number(spec.maxItems ?? spec.max_items ?? Infinity);
  return Array.from({ length: Math.min(count, Math.max(maxItems, tuple.length)) }, (_, index) =>
    schemaInstance(index < tuple.length ? tuple[index] : spec.items, root, depth + 1),
  );
}

function objectInstance(spec: JsonSchema, root: unknown, depth: number) {
  const properties = (spec.properties ?? {}) as Record<string, unknown>;
  const required = Array.isArray(spec.required) ? (spec.required as string[]) : [];
  const instance: Record<string, unknown> = {};
  for (const name of required) instance[name] = schemaInstance(properties[name], root, depth + 1);
  const minimum = Number(spec.minProperties ?? spec.min_properties ?? 0);
  const extra = spec.additionalProperties;
  for (let index = 0; Object.keys(instance).length < minimum && index < 100; index++) {
    const name = Object.keys(properties).find((key) => !(key in instance)) ?? `key${index}`;
    instance[name] = schemaInstance(
      properties[name] ?? (typeof extra === "object" ? extra : { type: "string" }),
      root,
      depth + 1,
    );
  }
  return instance;
}

function typeName(type: unknown, spec: JsonSchema = {}): string {
  const first = Array.isArray(type) ? (type.find((item) => item !== "null") ?? "null") : type;
  if (typeof first === "string") return first.toUpperCase();
  if (spec.properties || spec.additionalProperties) return "OBJECT";
  if (spec.items || spec.prefixItems) return "ARRAY";
  return "OBJECT";
}
