import type { SemanticProblem } from "../errors.ts";
import type { Schema } from "./request-shapes.ts";

/** Schema.format values Gemini takes, per type (https://ai.google.dev/api/caching#Schema). */
const FORMATS: Record<string, { allowed: readonly string[]; message: string }> = {
  STRING: {
    allowed: ["enum", "date-time"],
    message: "only 'enum' and 'date-time' are supported for STRING type",
  },
  INTEGER: {
    allowed: ["int32", "int64"],
    message: "only 'int32' and 'int64' are supported for INTEGER type",
  },
  NUMBER: {
    allowed: ["float", "double"],
    message: "only 'float' and 'double' are supported for NUMBER type",
  },
};

/**
 * Gemini's checks of its OpenAPI-subset Schema (function parameters and responses, the response
 * schema), with the backend's own messages: a type unless anyOf is used, properties only on
 * OBJECT, items on every ARRAY, enum only on STRING, the format list, required names defined.
 */
export function checkSchema(schema: Schema, path: string, problems: SemanticProblem[]) {
  const type = schema.type ?? "TYPE_UNSPECIFIED";
  const typed = type !== "TYPE_UNSPECIFIED";
  const hasAnyOf = (schema.anyOf?.length ?? 0) > 0;
  if (!typed && !hasAnyOf) {
    problems.push({
      path: `${path}.type`,
      message: "must be specified when not using one_of, any_of or all_of fields",
    });
  }
  const properties = schema.properties ?? {};
  if (typed && type !== "OBJECT" && Object.keys(properties).length > 0) {
    problems.push({ path: `${path}.properties`, message: "only allowed for OBJECT type" });
  }
  if (type === "ARRAY" && schema.items === undefined) {
    problems.push({ path: `${path}.items`, message: "missing field." });
  }
  if (schema.enum !== undefined && schema.enum.length > 0 && type !== "STRING") {
    problems.push({ path: `${path}.enum`, message: "only allowed for STRING type" });
  }
  const format = FORMATS[type];
  if (schema.format && format && !format.allowed.includes(schema.format)) {
    problems.push({ path: `${path}.format`, message: format.message });
  }
  schema.required?.forEach((name, index) => {
    if (!Object.hasOwn(properties, name)) {
      problems.push({ path: `${path}.required[${index}]`, message: "property is not defined" });
    }
  });
  for (const [name, property] of Object.entries(properties)) {
    checkSchema(property, `${path}.properties[${name}]`, problems);
  }
  if (schema.items) checkSchema(schema.items, `${path}.items`, problems);
  schema.anyOf?.forEach((option, index) => {
    checkSchema(option, `${path}.any_of[${index}]`, problems);
  });
}
