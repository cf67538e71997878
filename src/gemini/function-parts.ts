import { badRequest } from "../../common/api-error.ts";

/**
 * A replayed tool call's arguments (a JSON string, as OpenAI chat and Responses carry them) → the
 * object Gemini's `functionCall.args` must be; empty means none. Anything else is a 400 naming
 * `path`.
 */
export function parseFunctionArguments(text: unknown, path: string): Record<string, unknown> {
  if (text === undefined || (typeof text === "string" && text.trim() === "")) return {};
  if (typeof text !== "string") {
    throw badRequest(path, `Invalid value for '${path}': expected a JSON string.`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw badRequest(path, `Invalid value for '${path}': it is not valid JSON.`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw badRequest(path, `Invalid value for '${path}': expected a JSON object.`);
  }
  return value as Record<string, unknown>;
}

/**
 * A tool's output text → Gemini's `functionResponse.response`, which must be an object: a JSON
 * object is used as is, anything else becomes `{ result }`.
 */
export function toFunctionResponseObject(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === "object" && value !== null && !Array.isArray(value)) {
      return value as Record<string, unknown>;
    }
    return { result: value };
  } catch {
    return { result: text };
  }
}
