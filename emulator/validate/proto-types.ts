/**
 * Protobuf messages as data, enough to parse JSON the way Google's ESF transcoder does (proto3
 * JSON mapping). Built from emulator/definitions/v1beta.json (Google's published protos) by
 * `load-definitions.ts`. Field keys are proto (snake_case) names; each also has its JSON name.
 */

export type ScalarKind =
  | "string"
  | "bool"
  | "int32"
  | "int64"
  | "float"
  | "double"
  | "bytes"
  | "duration"
  | "timestamp";

export type FieldType =
  | { kind: ScalarKind }
  | { kind: "enum"; type: EnumType }
  | { kind: "message"; type: () => MessageType }
  | { kind: "map"; value: FieldType }
  /** google.protobuf.Struct: any JSON object. */
  | { kind: "struct" }
  /** google.protobuf.Value: any JSON value. */
  | { kind: "value" };

export interface FieldSpec {
  type: FieldType;
  /** The proto3 JSON name (`json_name`, usually lowerCamelCase of the proto name). */
  jsonName: string;
  repeated?: boolean;
  /** Name of the (real, not proto3-optional) oneof this field belongs to, if any. */
  oneof?: string;
}

export interface MessageType {
  /** Fully qualified, as shown in ESF messages (`type.googleapis.com/...`). */
  typeName: string;
  fields: Record<string, FieldSpec>;
}

export interface EnumType {
  typeName: string;
  /** Value name → number. */
  values: Record<string, number>;
}

/** `thinking_budget` → `thinkingBudget`. */
export const toCamelCase = (name: string) =>
  name.replace(/_([a-z0-9])/g, (_match, letter: string) => letter.toUpperCase());
