import type { FieldType } from "./proto-types.ts";

export type ScalarCheck =
  | { ok: true; value: unknown }
  | { ok: false; typeName: string; shown: string };

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;
const BASE64 = /^(?:[A-Za-z0-9+/]|[A-Za-z0-9\-_])*={0,2}$/;

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

/**
 * One scalar or enum value against its proto JSON mapping; numbers may come as strings. Enum
 * names are also accepted in lower case (protobuf's legacy `case_insensitive_enum_parsing`, which
 * Google's API front end keeps: `"type": "object"`, `"thinkingLevel": "low"` work on the real API).
 */
export function checkScalar(type: FieldType, raw: unknown): ScalarCheck {
  const shown = typeof raw === "string" ? JSON.stringify(raw) : String(JSON.stringify(raw));
  switch (type.kind) {
    case "string":
      return typeof raw === "string" ? pass(raw) : fail("TYPE_STRING", shown);
    case "bool":
      return typeof raw === "boolean" ? pass(raw) : fail("TYPE_BOOL", shown);
    case "int32":
    case "int64": {
      const number = toNumber(raw);
      const inRange =
        type.kind === "int64"
          ? Number.isSafeInteger(number)
          : number >= INT32_MIN && number <= INT32_MAX;
      return Number.isInteger(number) && inRange
        ? pass(number)
        : fail(type.kind === "int32" ? "TYPE_INT32" : "TYPE_INT64", shown);
    }
    case "float":
    case "double": {
      const number = toNumber(raw);
      return Number.isNaN(number) && raw !== "NaN"
        ? fail(type.kind === "float" ? "TYPE_FLOAT" : "TYPE_DOUBLE", shown)
        : pass(number);
    }
    case "bytes":
      return typeof raw === "string" && isBase64(raw)
        ? pass(raw)
        : fail(
            "TYPE_BYTES",
            typeof raw === "string" ? `Base64 decoding failed for ${shown}` : shown,
          );
    case "duration":
      return typeof raw === "string" && /^-?\d+(\.\d{1,9})?s$/.test(raw)
        ? pass(raw)
        : fail("type.googleapis.com/google.protobuf.Duration", shown);
    case "timestamp":
      return typeof raw === "string" && TIMESTAMP.test(raw)
        ? pass(raw)
        : fail("type.googleapis.com/google.protobuf.Timestamp", shown);
    case "enum": {
      const { values, typeName } = type.type;
      if (typeof raw === "number") {
        const name = Object.keys(values).find((value) => values[value] === raw);
        if (name !== undefined) return pass(name);
      }
      if (typeof raw === "string") {
        if (Object.hasOwn(values, raw)) return pass(raw);
        if (raw === raw.toLowerCase() && Object.hasOwn(values, raw.toUpperCase())) {
          return pass(raw.toUpperCase());
        }
      }
      return fail(typeName, shown);
    }
    default:
      return fail("unknown", shown);
  }
}

const pass = (value: unknown): ScalarCheck => ({ ok: true, value });
const fail = (typeName: string, shown: string): ScalarCheck => ({ ok: false, typeName, shown });

function toNumber(raw: unknown): number {
  if (typeof raw === "number") return raw;
  if (typeof raw !== "string" || raw.trim() === "") return Number.NaN;
  if (raw === "Infinity" || raw === "-Infinity") return Number(raw);
  return Number(raw);
}

export function isBase64(text: string): boolean {
  if (!BASE64.test(text)) return false;
  const unpadded = text.replace(/=+$/, "");
  if (unpadded.length % 4 === 1) return false;
  return !(/[+/]/.test(unpadded) && /[-_]/.test(unpadded));
}
