import { resolveRef } from "../../src/schema/json-pointer.ts";

type Json = Record<string, unknown>;

/** How deep the facts go: recursive schemas are unrolled to here on both sides alike. */
const DEPTH = 7;
const MAX_FACTS = 20_000;

/**
 * What a JSON Schema means, as a flat list of facts per value path (`.repo`, `.items[]`,
 * `.pair[1]`, `.map{}`, `.status|0`): the types a value may have, whether it may be null, its
 * enum values, an object's properties and required names, what its other keys may hold, a
 * tuple's members and length bounds, number and string bounds, formats. References are followed
 * (recursion unrolled to a fixed depth), so two schemas written differently — `$ref`s and
 * `$defs` renamed or hoisted, `const` vs a one-value enum, `allOf` merged, `nullable` vs a
 * `"null"` type or member, draft-7 tuples vs `prefixItems`, a one-member `anyOf` — have the same
 * facts exactly when they accept the same values (for the keywords listed).
 */
export function schemaFacts(schema: unknown): string[] {
  const facts: string[] = [];
  visit(schema, "", 0, schema, facts);
  return facts.sort();
}

function visit(node: unknown, path: string, depth: number, root: unknown, facts: string[]) {
  if (depth > DEPTH || facts.length > MAX_FACTS) return;
  const schema = flatten(node, root);
  if (schema === undefined) return facts.push(`${path} any`) && undefined;
  if (schema === false) return facts.push(`${path} nothing`) && undefined;
  const union = (schema.anyOf ?? schema.oneOf) as unknown[] | undefined;
  const nullable = isNullable(schema, root);
  if (nullable) facts.push(`${path} nullable`);
  if (union) {
    const members = union
      .map((member) => flatten(member, root))
      .filter((member) => !isNullOnly(member));
    if (members.length === 1) {
      const { anyOf: _anyOf, oneOf: _oneOf, ...rest } = schema;
      return visit({ ...rest, ...(members[0] as Json) }, path, depth, root, facts);
    }
    members.forEach((member, index) => {
      visit(member, `${path}|${index}`, depth + 1, root, facts);
    });
  }
  const types = typesOf(schema);
  if (types.length > 0) facts.push(`${path} type ${types.join(",")}`);
  const values = enumOf(schema);
  if (values) facts.push(`${path} enum ${values.join(",")}`);
  for (const key of ["minimum", "maximum", "minLength", "maxLength", "pattern", "format"]) {
    if (schema[key] !== undefined) facts.push(`${path} ${key} ${JSON.stringify(schema[key])}`);
  }
  const properties = (schema.properties ?? {}) as Json;
  const names = Object.keys(properties).sort();
  if (names.length > 0) facts.push(`${path} properties ${names.join(",")}`);
  const required = ((schema.required ?? []) as string[]).filter((name) => names.includes(name));
  if (required.length > 0)
    facts.push(`${path} required ${[...new Set(required)].sort().join(",")}`);
  for (const name of names) visit(properties[name], `${path}.${name}`, depth + 1, root, facts);
  const extra = schema.additionalProperties;
  if (extra === false) facts.push(`${path} closed`);
  else if (extra !== undefined && extra !== true) visit(extra, `${path}{}`, depth + 1, root, facts);
  const tuple = (schema.prefixItems ?? (Array.isArray(schema.items) ? schema.items : undefined)) as
    | unknown[]
    | undefined;
  if (tuple) {
    facts.push(`${path} tuple ${tuple.length}`);
    tuple.forEach((member, index) => {
      visit(member, `${path}[${index}]`, depth + 1, root, facts);
    });
  }
  const rest = Array.isArray(schema.items) ? schema.additionalItems : schema.items;
  let maxItems = schema.maxItems as number | undefined;
  if (tuple && rest === false) maxItems = Math.min(maxItems ?? tuple.length, tuple.length);
  if (rest !== undefined && rest !== false && rest !== true)
    visit(rest, `${path}[]`, depth + 1, root, facts);
  if (schema.minItems !== undefined) facts.push(`${path} minItems ${schema.minItems}`);
  if (maxItems !== undefined) facts.push(`${path} maxItems ${maxItems}`);
}

/** The node with its `$ref`s followed and `allOf` merged; undefined for "any value". */
function flatten(node: unknown, root: unknown): Json | false | undefined {
  if (node === true) return undefined;
  if (node === false) return false;
  if (typeof node !== "object" || node === null) return undefined;
  let schema = node as Json;
  for (let hops = 0; typeof schema.$ref === "string" && hops < 16; hops += 1) {
    const { $ref, ...siblings } = schema;
    const target = resolveRef(root, $ref as string);
    schema = {
      ...(typeof target === "object" && target !== null ? (target as Json) : {}),
      ...siblings,
    };
  }
  if (Array.isArray(schema.allOf)) {
    const { allOf, ...rest } = schema;
    let merged: Json = rest;
    for (const member of allOf) {
      const part = flatten(member, root);
      if (part) merged = merge(merged, part);
    }
    schema = merged;
  }
  const meaningful = Object.keys(schema).filter(
    (key) => !ANNOTATIONS.has(key) && !key.startsWith("$"),
  );
  return meaningful.length === 0 ? undefined : schema;
}

const ANNOTATIONS = new Set([
  "title",
  "description",
  "default",
  "examples",
  "example",
  "definitions",
  "deprecated",
  "readOnly",
  "writeOnly",
]);

function merge(into: Json, part: Json): Json {
  const out: Json = { ...part, ...into };
  out.properties = { ...((part.properties ?? {}) as Json), ...((into.properties ?? {}) as Json) };
  out.required = [...((into.required ?? []) as string[]), ...((part.required ?? []) as string[])];
  return out;
}

function isNullOnly(member: unknown): boolean {
  return (
    typeof member === "object" &&
    member !== null &&
    (member as Json).type === "null" &&
    Object.keys(member).length === 1
  );
}

function isNullable(schema: Json, root: unknown): boolean {
  if (schema.nullable === true) return true;
  if (Array.isArray(schema.type) && schema.type.includes("null")) return true;
  if (schema.type === "null") return true;
  if ("const" in schema && schema.const === null) return true;
  if (Array.isArray(schema.enum) && schema.enum.includes(null)) return true;
  const union = (schema.anyOf ?? schema.oneOf) as unknown[] | undefined;
  return union?.some((member) => isNullOnly(flatten(member, root) ?? {})) ?? false;
}

function typesOf(schema: Json): string[] {
  const declared = (Array.isArray(schema.type) ? schema.type : [schema.type]).filter(
    (type): type is string => typeof type === "string" && type !== "null",
  );
  if (declared.length > 0) return [...new Set(declared)].sort();
  const values = "const" in schema ? [schema.const] : Array.isArray(schema.enum) ? schema.enum : [];
  const inferred = values
    .filter((value) => value !== null)
    .map((value) =>
      typeof value === "string" ? "string" : typeof value === "number" ? "number" : typeof value,
    );
  return [...new Set(inferred)].sort();
}

function enumOf(schema: Json): string[] | undefined {
  const values =
    "const" in schema ? [schema.const] : Array.isArray(schema.enum) ? schema.enum : undefined;
  return values
    ?.filter((value) => value !== null)
    .map((value) => JSON.stringify(value))
    .sort();
}
