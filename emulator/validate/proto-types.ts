/**
 * A small description of protobuf messages as data, enough to parse JSON the way Google's ESF
 * transcoder does (proto3 JSON mapping). Field names are the proto (snake_case) names; the walker
 * accepts them and their lowerCamelCase JSON names.
 */

export type ScalarKind = "string" | "bool" | "int32" | "int64" | "float" | "double" | "bytes";

export type FieldType =
  | { kind: ScalarKind }
  | { kind: "enum"; type: EnumType }
  | { kind: "message"; type: () => MessageType }
  | { kind: "map"; value: FieldType }
  /** google.protobuf.Struct: any JSON object. */
  | { kind: "struct" }
  /** google.protobuf.Value: any JSON value. */
  | { kind: "value" }
  | { kind: "duration" };

export interface FieldSpec {
  type: FieldType;
  repeated?: boolean;
  /** Name of the oneof this field belongs to, if any. */
  oneof?: string;
}

export interface MessageType {
  /** Fully qualified, as shown in ESF messages (`type.googleapis.com/...`). */
  typeName: string;
  fields: Record<string, FieldSpec>;
}

export interface EnumType {
  typeName: string;
  values: readonly string[];
  /** Whether lower-case spellings are accepted (Gemini's Schema.type is). */
  caseInsensitive?: boolean;
}

const PACKAGE = "type.googleapis.com/google.ai.generativelanguage.v1beta";

export const message = (name: string, fields: Record<string, FieldSpec>): MessageType => ({
  typeName: `${PACKAGE}.${name}`,
  fields,
});

export const enumType = (name: string, values: readonly string[], caseInsensitive = false) => ({
  typeName: `${PACKAGE}.${name}`,
  values,
  caseInsensitive,
});

const scalar = (kind: ScalarKind): FieldSpec => ({ type: { kind } });
export const string = () => scalar("string");
export const bool = () => scalar("bool");
export const int32 = () => scalar("int32");
export const int64 = () => scalar("int64");
export const float = () => scalar("float");
export const double = () => scalar("double");
export const bytes = () => scalar("bytes");
export const struct = (): FieldSpec => ({ type: { kind: "struct" } });
export const value = (): FieldSpec => ({ type: { kind: "value" } });
export const duration = (): FieldSpec => ({ type: { kind: "duration" } });
export const enumOf = (type: EnumType): FieldSpec => ({ type: { kind: "enum", type } });
export const messageOf = (type: () => MessageType): FieldSpec => ({
  type: { kind: "message", type },
});
export const mapOf = (value: FieldSpec): FieldSpec => ({
  type: { kind: "map", value: value.type },
});
export const repeated = (field: FieldSpec): FieldSpec => ({ ...field, repeated: true });
export const inOneof = (oneof: string, field: FieldSpec): FieldSpec => ({ ...field, oneof });

/** `thinking_budget` → `thinkingBudget`. */
export const toCamelCase = (name: string) =>
  name.replace(/_([a-z0-9])/g, (_match, letter: string) => letter.toUpperCase());
