import { isObject, type JsonObject, resolveRef } from "./json-pointer.ts";
import type { SchemaBudget } from "./schema-budget.ts";

/** Keywords whose value is one schema. */
const SCHEMA_VALUED = new Set([
  "items",
  "additionalProperties",
  "not",
  "if",
  "then",
  "else",
  "contains",
  "propertyNames",
  "unevaluatedItems",
  "unevaluatedProperties",
]);
/** Keywords whose value is a list of schemas. */
const SCHEMA_LISTS = new Set(["anyOf", "oneOf", "prefixItems"]);
/** Keywords whose value maps names to schemas. */
const SCHEMA_MAPS = new Set(["properties", "patternProperties", "$defs", "dependentSchemas"]);

interface Walk {
  root: unknown;
  budget: SchemaBudget;
  /** Client `$ref` → the `$ref` sent (always `#` or `#/$defs/<name>`). */
  refs: Map<string, string>;
  /** Definitions added to the root's `$defs` (hoisted pointers and draft-7 `definitions`). */
  hoisted: Map<string, { source: string; schema: unknown }>;
  /** `$ref`s being inlined by an `allOf` merge, to stop at a cycle. */
  inlining: string[];
  orderProperties: boolean;
}

export interface JsonSchemaModeOptions {
  /**
   * Adds `propertyOrdering` (the declared order) to every object: Gemini 2.0 answers keys in
   * alphabetical order without it ("Gemini 2.0 models require explicit ordering of keys in
   * structured output schemas", Google's Gemini cookbook); 2.5 and later keep the schema's order
   * (Gemini API announcement, 2025-11-05).
   */
  orderProperties?: boolean;
}

/**
 * A client's JSON Schema → what `parametersJsonSchema` / `responseJsonSchema` take. Gemini reads
 * JSON Schema there (@google/genai's GenerationConfig.responseJsonSchema: `$id`, `$defs`, `$ref`,
 * `$anchor`, `type`, `format`, `title`, `description`, `enum` (strings and numbers), `items`,
 * `prefixItems`, `minItems`, `maxItems`, `minimum`, `maximum`, `anyOf`, `oneOf` (as anyOf),
 * `properties`, `additionalProperties`, `required`, `propertyOrdering`) and silently ignores the
 * rest (googleapis/python-genai#1093), so the schema is sent as written except where Gemini
 * would refuse it or lose its meaning:
 * - a `$ref` node carries only `$` keywords ("schema at properties.draft can only contain
 *   properties starting with '$' when $ref is present", google-gemini/gemini-cli#4758): its other
 *   keywords stay and the reference moves into a one-member `anyOf`;
 * - every `$ref` is `#` or `#/$defs/<name>`: draft-7 `definitions` become `$defs`, pointers
 *   elsewhere (`#/properties/a/items`, as zod-to-json-schema writes) and `$anchor` names point at
 *   a hoisted copy (so `$anchor` and nested `$id` are dropped); a `$ref` that does not resolve
 *   is a 400;
 * - `const` (ignored) becomes a one-value `enum`; enum values Gemini does not take (null,
 *   booleans) become `anyOf` members; `allOf` (ignored) is merged into its node;
 * - draft-7 tuples (`items: [...]`, `additionalItems`) become `prefixItems`/`items`, and
 *   `items: false` becomes `maxItems`, so a tuple stays ordered and closed;
 * - OpenAPI's `nullable: true` becomes a `"null"` type.
 * `$schema`, `$id` and unknown keywords stay: Google's SDK sends `$schema`-bearing schemas to
 * these fields as they are.
 */
export function toJsonSchemaMode(
  schema: JsonObject,
  budget: SchemaBudget,
  options: JsonSchemaModeOptions = {},
): JsonObject {
  const walk: Walk = {
    root: schema,
    budget,
    refs: new Map(),
    hoisted: new Map(),
    inlining: [],
    orderProperties: options.orderProperties === true,
  };
  const rootDefinitions = isObject(schema.definitions) ? schema.definitions : {};
  const rootDefs = isObject(schema.$defs) ? schema.$defs : {};
  for (const name of Object.keys(rootDefinitions)) {
    if (!Object.hasOwn(rootDefs, name)) {
      walk.hoisted.set(name, { source: `definitions.${name}`, schema: rootDefinitions[name] });
    }
  }
  const { definitions: _definitions, ...rest } = schema;
  const result = asObject(convert(rest, 0, "", walk));
  // Hoisted definitions are converted after the root; converting one may hoist more.
  const defs: JsonObject = isObject(result.$defs) ? { ...result.$defs } : {};
  const done = new Set<string>();
  for (let pending = [...walk.hoisted.keys()]; pending.length > 0; ) {
    for (const name of pending) {
      const entry = walk.hoisted.get(name);
      if (!entry) continue;
      done.add(name);
      defs[name] = convert(entry.schema, 1, entry.source, walk);
    }
    pending = [...walk.hoisted.keys()].filter((name) => !done.has(name));
  }
  if (Object.keys(defs).length > 0) result.$defs = defs;
  return result;
}

function convert(node: unknown, depth: number, path: string, walk: Walk): unknown {
  walk.budget.enter(depth, path);
  if (node === true) return {};
  if (node === false) return { not: {} };
  if (!isObject(node)) {
    throw walk.budget.invalid(`'${path || "(root)"}' is not a schema (an object or a boolean)`);
  }
  if (typeof node.$ref === "string") return convertRef(node, node.$ref, depth, path, walk);
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    const at = path ? `${path}.${key}` : key;
    if (key === "allOf" || key === "const" || key === "nullable" || key === "additionalItems") {
      continue;
    }
    // Every reference now names the root's $defs: anchors are spent, and a nested $id would
    // move the base those root pointers resolve against.
    if (key === "$anchor" || (key === "$id" && depth > 0)) continue;
    if (key === "items" && Array.isArray(value)) {
      out.prefixItems = value.map((item, index) =>
        convert(item, depth + 1, `${at}[${index}]`, walk),
      );
    } else if (SCHEMA_VALUED.has(key) && (isObject(value) || typeof value === "boolean")) {
      if (value === true) continue;
      if (value === false && key === "items") out.maxItems = prefixLength(node);
      else if (value === false) out[key] = false;
      else out[key] = convert(value, depth + 1, at, walk);
    } else if (SCHEMA_LISTS.has(key) && Array.isArray(value)) {
      out[key] = value.map((item, index) => convert(item, depth + 1, `${at}[${index}]`, walk));
    } else if ((SCHEMA_MAPS.has(key) || key === "definitions") && isObject(value)) {
      const map: JsonObject = {};
      for (const [name, item] of Object.entries(value)) {
        walk.budget.spend(name);
        map[name] = convert(item, depth + 1, `${at}.${name}`, walk);
      }
      out[key] = map;
    } else {
      walk.budget.spend(value);
      out[key] = value;
    }
  }
  if (Array.isArray(node.items) && node.additionalItems !== undefined) {
    const extra = node.additionalItems;
    if (extra === false) out.maxItems = node.items.length;
    else if (isObject(extra))
      out.items = convert(extra, depth + 1, `${path}.additionalItems`, walk);
  }
  if (node.nullable === true) addNull(out);
  if ("const" in node) out.enum = [node.const];
  if (Array.isArray(out.enum)) splitEnum(out);
  if (Array.isArray(node.allOf)) mergeAllOf(out, node.allOf, depth, path, walk);
  if (walk.orderProperties && isObject(out.properties) && !Array.isArray(out.propertyOrdering)) {
    out.propertyOrdering = Object.keys(out.properties);
  }
  return out;
}

function convertRef(node: JsonObject, ref: string, depth: number, path: string, walk: Walk) {
  const target = targetRef(ref, path, walk);
  const own: JsonObject = {};
  const rest: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === "$ref") continue;
    if (key.startsWith("$")) own[key] = value;
    else rest[key] = value;
  }
  const { $ref: _ref, ...dollar } = asObject(convert(own, depth, path, walk));
  if (Object.keys(rest).length === 0) return { ...dollar, $ref: target };
  // Other keywords beside $ref are refused: they stay on this node, the reference moves into
  // anyOf. A union of its own would clash; the reference wins (no real schema was seen with both).
  const { anyOf: _anyOf, oneOf: _oneOf, ...siblings } = asObject(convert(rest, depth, path, walk));
  walk.budget.enter(depth + 1, `${path}.$ref`);
  return { ...siblings, ...dollar, anyOf: [{ $ref: target }] };
}

/** The `$ref` to send for a client's `$ref`: `#`, `#/$defs/<name>`, or a hoisted copy's name. */
function targetRef(ref: string, path: string, walk: Walk): string {
  const known = walk.refs.get(ref);
  if (known) return known;
  const resolved = resolveRef(walk.root, ref);
  if (resolved === undefined) {
    const where = path || "(root)";
    throw walk.budget.invalid(
      `the $ref '${clip(ref)}' at '${where}' does not resolve in the schema`,
    );
  }
  let target: string;
  const simple = /^#\/(\$defs|definitions)\/([^/]+)$/.exec(ref);
  const name = simple?.[2] === undefined ? undefined : decodeName(simple[2]);
  if (ref === "#") target = "#";
  else if (simple?.[1] === "$defs") target = ref;
  else if (name !== undefined && walk.hoisted.get(name)?.source === `definitions.${name}`) {
    target = `#/$defs/${simple?.[2]}`;
  } else {
    const fresh = freshName(walk);
    const source = ref.startsWith("#/") ? ref.slice(2).replaceAll("/", ".") : ref;
    walk.hoisted.set(fresh, { source, schema: resolved });
    target = `#/$defs/${fresh}`;
  }
  walk.refs.set(ref, target);
  return target;
}

/**
 * `allOf` is not among the keywords Gemini reads, so its members are merged into the node:
 * properties and required names joined, other keywords kept where the node has none. A member
 * that is (or refers to) a schema already being inlined stays in `allOf`, as does one whose union
 * would clash with the node's.
 */
function mergeAllOf(out: JsonObject, members: unknown[], depth: number, path: string, walk: Walk) {
  const kept: unknown[] = [];
  members.forEach((member, index) => {
    const at = `${path}.allOf[${index}]`;
    let source = member;
    let ref: string | undefined;
    if (isObject(member) && typeof member.$ref === "string" && Object.keys(member).length === 1) {
      ref = member.$ref;
      targetRef(ref, at, walk);
      if (walk.inlining.includes(ref)) {
        kept.push(convert(member, depth + 1, at, walk));
        return;
      }
      source = resolveRef(walk.root, ref);
    }
    if (ref) walk.inlining.push(ref);
    const part = asObject(convert(source, depth + 1, at, walk));
    if (ref) walk.inlining.pop();
    const clash = (part.anyOf && out.anyOf) || (part.$ref && out.$ref);
    if (clash) {
      kept.push(part);
      return;
    }
    mergeInto(out, part);
  });
  if (kept.length > 0) out.allOf = kept;
}

function mergeInto(out: JsonObject, part: JsonObject) {
  for (const [key, value] of Object.entries(part)) {
    if (key === "properties" && isObject(value)) {
      out.properties = { ...(isObject(out.properties) ? out.properties : {}), ...value };
    } else if (key === "required" && Array.isArray(value)) {
      const required = Array.isArray(out.required) ? out.required : [];
      out.required = [...new Set([...required, ...value])];
    } else if (key === "$defs" && isObject(value)) {
      out.$defs = { ...(isObject(out.$defs) ? out.$defs : {}), ...value };
    } else if (!(key in out)) {
      out[key] = value;
    }
  }
}

/** Enum values Gemini takes are strings and numbers; null and booleans become anyOf members. */
function splitEnum(out: JsonObject) {
  const values = out.enum as unknown[];
  const isPlain = (value: unknown) => typeof value === "string" || typeof value === "number";
  if (values.every(isPlain)) return;
  const plain = values.filter(isPlain);
  const declared = (Array.isArray(out.type) ? out.type : [out.type]).filter(
    (type): type is string => typeof type === "string" && type !== "null" && type !== "boolean",
  );
  const inferred = [
    ...new Set(plain.map((value) => (typeof value === "string" ? "string" : "number"))),
  ];
  const types = declared.length > 0 ? declared : inferred;
  const members: JsonObject[] = [];
  if (plain.length > 0) members.push({ type: types.length === 1 ? types[0] : types, enum: plain });
  if (values.some((value) => typeof value === "boolean")) members.push({ type: "boolean" });
  if (values.includes(null)) members.push({ type: "null" });
  if (values.some(Array.isArray)) members.push({ type: "array" });
  if (values.some(isObject)) members.push({ type: "object" });
  delete out.enum;
  delete out.type;
  if (members.length === 1) Object.assign(out, members[0]);
  else if (!Array.isArray(out.anyOf)) out.anyOf = members;
}

/** `nullable: true` (OpenAPI 3.0) in JSON Schema: `"null"` among the types. */
function addNull(out: JsonObject) {
  if (typeof out.type === "string") out.type = [out.type, "null"];
  else if (Array.isArray(out.type) && !out.type.includes("null")) out.type = [...out.type, "null"];
  else if (out.type === undefined && Array.isArray(out.anyOf)) {
    out.anyOf = [...out.anyOf, { type: "null" }];
  }
}

function prefixLength(node: JsonObject): number {
  return Array.isArray(node.prefixItems) ? node.prefixItems.length : 0;
}

function freshName(walk: Walk): string {
  const root = isObject(walk.root) && isObject(walk.root.$defs) ? walk.root.$defs : {};
  for (let index = walk.hoisted.size; ; index += 1) {
    const name = `ref${index}`;
    if (!Object.hasOwn(root, name) && !walk.hoisted.has(name)) return name;
  }
}

function decodeName(raw: string): string | undefined {
  try {
    return decodeURIComponent(raw).replaceAll("~1", "/").replaceAll("~0", "~");
  } catch {
    return undefined;
  }
}

function asObject(value: unknown): JsonObject {
  return isObject(value) ? value : {};
}

function clip(text: string): string {
  return text.length > 100 ? `${text.slice(0, 100)}…` : text;
}
