import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { NEWER_ENUMS, NEWER_FIELDS, NEWER_MESSAGES, type NewerFieldType } from "./newer-fields.ts";

/**
 * Builds the emulator's request definitions from Google's published v1beta protos (the JSON form
 * `@google-ai/generativelanguage` ships) plus the newer fields of `newer-fields.ts`. Only the
 * messages reachable from the request types the emulator serves are kept.
 */

export interface FieldDefinition {
  /** The JSON name (proto3 `json_name`, usually lowerCamelCase of the proto name). */
  json: string;
  /** `string`, `bool`, `int32`, `int64`, `float`, `double`, `bytes`, `struct`, `value`,
   *  `duration`, `timestamp`, `enum:<Name>`, `message:<Name>`. */
  type: string;
  repeated?: true;
  /** A map<string, type> field. */
  map?: true;
  /** A real oneof (not proto3 `optional`). */
  oneof?: string;
}

export interface Definitions {
  source: string;
  messages: Record<string, { typeName: string; fields: Record<string, FieldDefinition> }>;
  enums: Record<string, { typeName: string; values: Record<string, number> }>;
}

export const ROOT_MESSAGES = [
  "GenerateContentRequest",
  "EmbedContentRequest",
  "BatchEmbedContentsRequest",
  "CountTokensRequest",
];

const PACKAGE = "google.ai.generativelanguage.v1beta";
const WELL_KNOWN: Record<string, string> = {
  "google.protobuf.Struct": "struct",
  "google.protobuf.Value": "value",
  "google.protobuf.Duration": "duration",
  "google.protobuf.Timestamp": "timestamp",
};
const SCALARS = new Set(["string", "bool", "int32", "int64", "float", "double", "bytes"]);

interface ProtoJsonField {
  type: string;
  rule?: string;
  keyType?: string;
  options?: Record<string, unknown>;
}
interface ProtoJsonNode {
  fields?: Record<string, ProtoJsonField>;
  oneofs?: Record<string, { oneof: string[] }>;
  values?: Record<string, number>;
  nested?: Record<string, ProtoJsonNode>;
}

const require = createRequire(import.meta.url);

export function packageDirectory() {
  return dirname(require.resolve("@google-ai/generativelanguage/package.json"));
}

export function buildDefinitions(): Definitions {
  const directory = packageDirectory();
  const version = JSON.parse(readFileSync(join(directory, "package.json"), "utf8")).version;
  const root: ProtoJsonNode = JSON.parse(
    readFileSync(join(directory, "build/protos/protos.json"), "utf8"),
  );
  const google = root.nested?.google?.nested ?? {};
  const v1beta = google.ai?.nested?.generativelanguage?.nested?.v1beta?.nested ?? {};
  const protoText = readdirSync(join(directory, "build/protos"), { recursive: true })
    .map(String)
    .filter((file) => file.endsWith(".proto") && file.includes("v1beta/"))
    .map((file) => readFileSync(join(directory, "build/protos", file), "utf8"))
    .join("\n");
  const definitions: Definitions = {
    source: `@google-ai/generativelanguage ${version} build/protos/protos.json (v1beta) + emulator/definitions/newer-fields.ts`,
    messages: {},
    enums: {},
  };

  const lookup = (name: string): ProtoJsonNode | undefined => {
    if (name.startsWith("google.type.")) return google.type?.nested?.[name.slice(12)];
    let node: ProtoJsonNode | undefined = { nested: v1beta };
    for (const part of name.split(".")) node = node?.nested?.[part];
    return node;
  };
  // (google.type's .proto files are not shipped; their names follow the same convention.)
  /** Resolves a type reference the way protobuf does: innermost scope first. */
  const resolve = (scope: string, reference: string): string => {
    if (reference.startsWith("google.")) return reference;
    const parts = scope.split(".");
    for (let length = parts.length; length >= 0; length--) {
      const candidate = [...parts.slice(0, length), reference].join(".");
      if (lookup(candidate)) return candidate;
    }
    if (NEWER_MESSAGES.some((message) => message.name === reference)) return reference;
    if (NEWER_ENUMS.some((item) => item.name === reference)) return reference;
    throw new Error(`cannot resolve ${reference} in ${scope}`);
  };
  const typeNameOf = (name: string) =>
    `type.googleapis.com/${name.startsWith("google.") ? name : `${PACKAGE}.${name}`}`;

  const queue = [...ROOT_MESSAGES];
  const visit = (name: string) => {
    if (!definitions.messages[name] && !queue.includes(name)) queue.push(name);
  };
  while (queue.length > 0) {
    const name = queue.shift() as string;
    const node = lookup(name);
    const fields: Record<string, FieldDefinition> = {};
    const realOneofs = new Map<string, string>();
    for (const [oneof, { oneof: members }] of Object.entries(node?.oneofs ?? {})) {
      const synthetic =
        members.length === 1 && node?.fields?.[members[0] as string]?.options?.proto3_optional;
      if (!synthetic) for (const member of members) realOneofs.set(member, oneof);
    }
    for (const [camel, field] of Object.entries(node?.fields ?? {})) {
      const snake = camel.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
      const inPackage = !name.startsWith("google.");
      if (
        inPackage &&
        !new RegExp(`\\b${snake}\\s*=\\s*${(field as { id?: number }).id}\\b`).test(protoText)
      ) {
        throw new Error(`${name}.${camel}: no field ${snake} in the .proto sources`);
      }
      const jsonName = field.options?.json_name;
      fields[snake] = {
        json: typeof jsonName === "string" ? jsonName : camel,
        type: fieldType(name, field.type),
        ...(field.rule === "repeated" ? { repeated: true as const } : {}),
        ...(field.keyType ? { map: true as const } : {}),
        ...(realOneofs.has(camel) ? { oneof: realOneofs.get(camel) } : {}),
      };
    }
    for (const added of NEWER_FIELDS.filter((item) => item.message === name)) {
      if (fields[added.field]) throw new Error(`${name}.${added.field} is in the protos now`);
      fields[added.field] = {
        json: added.field.replace(/_([a-z0-9])/g, (_match, letter: string) => letter.toUpperCase()),
        type: newerType(added.type),
        ...(added.repeated ? { repeated: true as const } : {}),
        ...(added.oneof ? { oneof: added.oneof } : {}),
      };
    }
    definitions.messages[name] = { typeName: typeNameOf(name), fields };
  }
  return sortDefinitions(definitions);

  function fieldType(scope: string, reference: string): string {
    if (SCALARS.has(reference)) return reference;
    const wellKnown = WELL_KNOWN[reference];
    if (wellKnown) return wellKnown;
    const resolved = resolve(scope, reference);
    const node = lookup(resolved);
    if (node?.values) {
      addEnum(resolved, node.values);
      return `enum:${resolved}`;
    }
    visit(resolved);
    return `message:${resolved}`;
  }

  function newerType(type: NewerFieldType): string {
    if ("scalar" in type) return type.scalar;
    if ("wellKnown" in type) return "struct";
    if ("enum" in type) {
      const known = NEWER_ENUMS.find((item) => item.name === type.enum);
      if (!known) throw new Error(`newer enum ${type.enum} is not listed`);
      addEnum(known.name, Object.fromEntries(known.values.map((value, index) => [value, index])));
      return `enum:${type.enum}`;
    }
    visit(type.message);
    return `message:${type.message}`;
  }

  function addEnum(name: string, values: Record<string, number>) {
    definitions.enums[name] = { typeName: typeNameOf(name), values };
  }
}

function sortDefinitions(definitions: Definitions): Definitions {
  const sorted = <T>(record: Record<string, T>) =>
    Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
  return {
    source: definitions.source,
    messages: sorted(definitions.messages),
    enums: sorted(definitions.enums),
  };
}
