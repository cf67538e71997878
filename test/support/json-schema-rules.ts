import { resolveRef } from "../../src/schema/json-pointer.ts";

/**
 * What Gemini refuses in `parametersJsonSchema` / `responseJsonSchema` beyond JSON parsing (the
 * emulator takes any JSON there), with the public reports of the real answers:
 * - a node with `$ref` carries only `$` keywords: "schema at properties.draft can only contain
 *   properties starting with '$' when $ref is present" (google-gemini/gemini-cli#4758);
 * - `$ref`s resolve in the document (`$defs`, `$ref` in GenerationConfig.responseJsonSchema);
 * - `enum` holds strings and numbers ("enum (for strings and numbers)", same doc);
 * - `items` and the other one-schema keywords hold a schema object.
 * Returns every problem found, as `path: text`.
 */
export function jsonSchemaProblems(schema: unknown): string[] {
  const problems: string[] = [];
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
