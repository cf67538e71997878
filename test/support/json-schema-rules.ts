import { resolveRef } from "../../src/schema/json-pointer.ts";

/**
 * What Gemini refuses in `parametersJsonSchema` / `responseJsonSchema` beyond JSON parsing (the
 * emulator takes any JSON there), with the public reports of the real answers:
 * - a node with `$ref` carries only `$` keywords: "schema at properties.draft can only contain
 *   properties starting with '$' when $ref is present" (google-gemini/gemini-cli#4758);
 * - `$ref`s resolve in the document (`$defs`, `$ref` in GenerationConfig.responseJsonSchema);
 * - `enum` holds strings and numbers ("enum (for strings and numbers)", same doc);
 * - `items` and the other one-schema keywords hold a schema object;
 * - no `$ref` loop runs through required, non-null properties only: "ref loops are only supported
 *   if they include optional or nullable property values, or a potentially-zero-length array
 *   items, but a ref loop of required fields was found at …" (juspay/juspay-mcp#132).
 * Returns every problem found, as `path: text`.
 */
export function jsonSchemaProblems(schema: unknown): string[] {
  const problems: string[] = requiredRefLoops(schema);
  const stack: { node: unknown; path: string }[] = [{ node: schema, path: "" }];
  while (stack.length > 0) {
    const { node, path } = stack.pop() as { node: unknown; path: string };
    if (typeof node !== "object" || node === null || Array.isArray(node)) {
      if (typeof node !== "boolean") problems.push(`${path}: not a schema`);
      continue;
    }
    const record = node as Record<string, unknown>;
    if (typeof record.$ref === "string") {
      const others = Object.keys(record).filter((key) => !key.startsWith("$"));
      if (others.length > 0) {
        problems.push(
          `${path}: can only contain properties starting with '$' when $ref is present`,
        );
      }
      if (resolveRef(schema, record.$ref) === undefined) {
        problems.push(`${path}: $ref ${record.$ref} does not resolve`);
      }
    }
    if (Array.isArray(record.enum)) {
      if (!record.enum.every((value) => typeof value === "string" || typeof value === "number")) {
        problems.push(`${path}.enum: only strings and numbers`);
      }
    }
    for (const key of ["items", "additionalProperties", "not"]) {
      const value = record[key];
      if (value !== undefined && typeof value !== "boolean")
        stack.push({ node: value, path: `${path}.${key}` });
    }
    for (const key of ["anyOf", "oneOf", "prefixItems", "allOf"]) {
      const value = record[key];
      if (!Array.isArray(value)) continue;
      for (const [index, item] of value.entries()) {
        stack.push({ node: item, path: `${path}.${key}[${index}]` });
      }
    }
    for (const key of ["properties", "$defs"]) {
      const value = record[key];
      if (typeof value === "object" && value !== null) {
        for (const [name, item] of Object.entries(value))
          stack.push({ node: item, path: `${path}.${key}.${name}` });
      }
    }
  }
  return problems;
}

/** `$ref`s reached from `start` through required, non-null properties (and unions) only. */
function requiredRefs(start: unknown): string[] {
  const refs: string[] = [];
  const stack: { node: unknown; viaProperty: boolean }[] = [{ node: start, viaProperty: false }];
  while (stack.length > 0) {
    const { node, viaProperty } = stack.pop() as { node: unknown; viaProperty: boolean };
    if (typeof node !== "object" || node === null) continue;
    const record = node as Record<string, unknown>;
    if (typeof record.$ref === "string") {
      if (viaProperty) refs.push(record.$ref);
      continue;
    }
    for (const key of ["anyOf", "oneOf", "allOf", "prefixItems"]) {
      const members = record[key];
      if (Array.isArray(members))
        for (const member of members) stack.push({ node: member, viaProperty });
    }
    if (typeof record.minItems === "number" && record.minItems > 0 && record.items) {
      stack.push({ node: record.items, viaProperty });
    }
    const required = Array.isArray(record.required) ? record.required : [];
    const properties = (record.properties ?? {}) as Record<string, unknown>;
    for (const name of required) {
      const property = properties[name as string] as Record<string, unknown> | undefined;
      if (!property || mayBeNull(property)) continue;
      stack.push({ node: property, viaProperty: true });
    }
  }
  return refs;
}

function mayBeNull(schema: Record<string, unknown>): boolean {
  if (schema.type === "null" || (Array.isArray(schema.type) && schema.type.includes("null")))
    return true;
  const members = (schema.anyOf ?? schema.oneOf) as Record<string, unknown>[] | undefined;
  return members?.some(mayBeNull) ?? false;
}

/** Every definition from which required properties lead back to it. */
function requiredRefLoops(schema: unknown): string[] {
  const problems: string[] = [];
  const start = (ref: string) => resolveRef(schema, ref);
  const defs = ((schema as Record<string, unknown> | null)?.$defs ?? {}) as Record<string, unknown>;
  for (const origin of ["#", ...Object.keys(defs).map((name) => `#/$defs/${name}`)]) {
    const seen = new Set<string>();
    const queue = requiredRefs(start(origin));
    while (queue.length > 0) {
      const ref = queue.pop() as string;
      if (ref === origin) {
        problems.push(`${origin}: a ref loop of required fields`);
        break;
      }
      if (seen.has(ref)) continue;
      seen.add(ref);
      queue.push(...requiredRefs(start(ref)));
    }
  }
  return problems;
}
