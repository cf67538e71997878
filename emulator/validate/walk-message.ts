import type { FieldViolation } from "../errors.ts";
import { checkScalar } from "./check-scalar.ts";
import type { FieldSpec, FieldType, MessageType } from "./proto-types.ts";

export type JsonObject = Record<string, unknown>;

export interface WalkResult {
  /**
   * The message with JSON names (a leading `_` dropped, so both JSON-schema fields of
   * GenerationConfig read as `responseJsonSchema`), canonical enum names and numbers for numeric
   * strings.
   */
  value: JsonObject;
  violations: FieldViolation[];
}

/**
 * Parses JSON into a message the way ESF does: unknown names, values of the wrong type, lists on
 * non-repeated fields and a second member of a oneof are violations naming their proto path.
 */
export function walkMessage(type: MessageType, json: unknown): WalkResult {
  const violations: FieldViolation[] = [];
  if (!isObject(json)) {
    violations.push({ description: `Invalid JSON payload received. Expected an object.` });
    return { value: {}, violations };
  }
  return { value: walkObject(type, json, "", violations), violations };
}

function walkObject(type: MessageType, json: JsonObject, path: string, out: FieldViolation[]) {
  const result: JsonObject = {};
  const oneofs = new Map<string, string>();
  for (const [jsonName, raw] of Object.entries(json)) {
    const protoName = findField(type, jsonName);
    const spec = protoName === undefined ? undefined : type.fields[protoName];
    if (protoName === undefined || spec === undefined) {
      out.push(unknownName(jsonName, path, "Cannot find field."));
      continue;
    }
    if (raw === null) continue;
    const fieldPath = path === "" ? protoName : `${path}.${protoName}`;
    if (spec.oneof) {
      const already = oneofs.get(spec.oneof);
      if (already !== undefined) {
        const description = `Invalid value at '${path}' (oneof), oneof field '${spec.oneof}' is already set. Cannot set '${spec.jsonName}'`;
        out.push({ field: path, description });
        continue;
      }
      oneofs.set(spec.oneof, protoName);
    }
    const walked = walkField(spec, jsonName, raw, path, fieldPath, out);
    if (walked !== undefined) result[spec.jsonName.replace(/^_/, "")] = walked;
  }
  return result;
}

function walkField(
  spec: FieldSpec,
  jsonName: string,
  raw: unknown,
  parentPath: string,
  path: string,
  out: FieldViolation[],
): unknown {
  if (spec.repeated) {
    // ESF accepts a single value where a list is expected.
    const items = Array.isArray(raw) ? raw : [raw];
    return items.map((item, index) =>
      walkValue(spec.type, jsonName, item, parentPath, `${path}[${index}]`, out),
    );
  }
  if (Array.isArray(raw) && spec.type.kind !== "value") {
    out.push(unknownName(jsonName, parentPath, "Proto field is not repeating, cannot start list."));
    return undefined;
  }
  return walkValue(spec.type, jsonName, raw, parentPath, path, out);
}

function walkValue(
  type: FieldType,
  jsonName: string,
  raw: unknown,
  parentPath: string,
  path: string,
  out: FieldViolation[],
): unknown {
  switch (type.kind) {
    case "value":
      return raw;
    case "struct":
      if (isObject(raw)) return raw;
      out.push(invalidValue(path, "type.googleapis.com/google.protobuf.Struct", raw));
      return undefined;
    case "message": {
      const messageType = type.type();
      if (isObject(raw)) return walkObject(messageType, raw, path, out);
      out.push(invalidValue(path, messageType.typeName, raw));
      return undefined;
    }
    case "map": {
      if (!isObject(raw)) {
        out.push(invalidValue(path, "map", raw));
        return undefined;
      }
      const entries = Object.entries(raw).map(([key, item], index) => [
        key,
        walkValue(type.value, jsonName, item, parentPath, `${path}[${index}].value`, out),
      ]);
      return Object.fromEntries(entries);
    }
    default: {
      if (isObject(raw)) {
        out.push(unknownName(jsonName, parentPath, "Starting an object on a scalar field"));
        return undefined;
      }
      const checked = checkScalar(type, raw);
      if (checked.ok) return checked.value;
      out.push({
        field: path,
        description: `Invalid value at '${path}' (${checked.typeName}), ${checked.shown}`,
      });
      return undefined;
    }
  }
}

/** ESF accepts a field's proto name and its JSON name (`json_name`), nothing else. */
function findField(type: MessageType, jsonName: string): string | undefined {
  if (Object.hasOwn(type.fields, jsonName)) return jsonName;
  for (const [protoName, spec] of Object.entries(type.fields)) {
    if (spec.jsonName === jsonName) return protoName;
  }
  return undefined;
}

function unknownName(jsonName: string, path: string, reason: string): FieldViolation {
  const where = path === "" ? "" : ` at '${path}'`;
  const description = `Invalid JSON payload received. Unknown name "${jsonName}"${where}: ${reason}`;
  return path === "" ? { description } : { field: path, description };
}

function invalidValue(path: string, typeName: string, raw: unknown): FieldViolation {
  return { field: path, description: `Invalid value at '${path}' (${typeName}), ${show(raw)}` };
}

export const show = (raw: unknown) =>
  typeof raw === "string" ? JSON.stringify(raw) : String(JSON.stringify(raw));

export const isObject = (raw: unknown): raw is JsonObject =>
  typeof raw === "object" && raw !== null && !Array.isArray(raw);
