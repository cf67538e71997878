import { readFileSync } from "node:fs";
import type { EnumType, FieldSpec, FieldType, MessageType } from "../validate/proto-types.ts";
import type { Definitions, FieldDefinition } from "./build-definitions.ts";

/** The generated v1beta definitions (see build-definitions.ts), read once. */
export const DEFINITIONS: Definitions = JSON.parse(
  readFileSync(new URL("./v1beta.json", import.meta.url), "utf8"),
);

const messages = new Map<string, MessageType>();

/** A message of the v1beta package by its proto name (`Part`, `Tool.GoogleSearch`, ...). */
export function messageType(name: string): MessageType {
  const known = messages.get(name);
  if (known) return known;
  const definition = DEFINITIONS.messages[name];
  if (!definition) throw new Error(`no message ${name} in the definitions`);
  const fields: Record<string, FieldSpec> = {};
  const type: MessageType = { typeName: definition.typeName, fields };
  messages.set(name, type);
  for (const [protoName, field] of Object.entries(definition.fields)) {
    fields[protoName] = toFieldSpec(field);
  }
  return type;
}

/** An enum of the v1beta package by its proto name (`HarmCategory`, `Type`, ...). */
export function enumType(name: string): EnumType {
  const definition = DEFINITIONS.enums[name];
  if (!definition) throw new Error(`no enum ${name} in the definitions`);
  return definition;
}

/** The value names of an enum, in number order. */
export const enumValues = (name: string) =>
  Object.entries(enumType(name).values)
    .sort(([, a], [, b]) => a - b)
    .map(([value]) => value);

function toFieldSpec(field: FieldDefinition): FieldSpec {
  const type = toFieldType(field.type);
  return {
    type: field.map ? { kind: "map", value: type } : type,
    jsonName: field.json,
    ...(field.repeated && !field.map ? { repeated: true } : {}),
    ...(field.oneof ? { oneof: field.oneof } : {}),
  };
}

function toFieldType(type: string): FieldType {
  if (type.startsWith("enum:")) return { kind: "enum", type: enumType(type.slice(5)) };
  if (type.startsWith("message:")) {
    const name = type.slice(8);
    return { kind: "message", type: () => messageType(name) };
  }
  return { kind: type } as FieldType;
}
