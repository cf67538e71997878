/**
 * The smallest value that satisfies a Gemini Schema or a JSON Schema: strings "echo" (or the first
 * enum value), numbers 0, booleans true, arrays with one item, objects with their required properties.
 */
export function schemaInstance(schema: unknown, depth = 0): unknown {
  if (typeof schema !== "object" || schema === null || depth > 16) return null;
  const spec = schema as Record<string, unknown>;
  const options = (spec.anyOf ?? spec.any_of ?? spec.oneOf) as unknown[] | undefined;
  if (Array.isArray(options) && options.length > 0) return schemaInstance(options[0], depth + 1);
  if (Array.isArray(spec.enum) && spec.enum.length > 0) return spec.enum[0];
  if ("const" in spec) return spec.const;
  switch (typeName(spec.type)) {
    case "STRING":
      return "echo";
    case "NUMBER":
    case "INTEGER":
      return typeof spec.minimum === "number" ? Math.max(0, spec.minimum) : 0;
    case "BOOLEAN":
      return true;
    case "NULL":
      return null;
    case "ARRAY": {
      const count = Math.max(1, Number(spec.minItems ?? spec.min_items ?? 1));
      return Array.from({ length: count }, () => schemaInstance(spec.items, depth + 1));
    }
    default:
      return objectInstance(spec, depth);
  }
}

function objectInstance(spec: Record<string, unknown>, depth: number) {
  const properties = (spec.properties ?? {}) as Record<string, unknown>;
  const required = Array.isArray(spec.required) ? (spec.required as string[]) : [];
  const instance: Record<string, unknown> = {};
  for (const name of required) instance[name] = schemaInstance(properties[name], depth + 1);
  return instance;
}

function typeName(type: unknown): string {
  const first = Array.isArray(type) ? type.find((item) => item !== "null") : type;
  return typeof first === "string" ? first.toUpperCase() : "OBJECT";
}
