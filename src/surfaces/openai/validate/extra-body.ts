import { badRequest } from "../../../../common/api-error.ts";

/**
 * The Python SDK merges `extra_body` into the top level (`google: {…}`); the JavaScript SDK sends
 * `extra_body: {google: {…}}` as written, which Google's own endpoint also accepts. Take both.
 * `extra_body` and `google` (wherever it is) must be JSON objects: anything else is a 400 naming
 * the field, never silently dropped or spread into Gemini's request.
 */
export function hoistExtraBody(body: unknown): unknown {
  if (!isObject(body)) return body;
  checkObject(body.google, "google");
  if (!("extra_body" in body) || body.extra_body == null) return body;
  const { extra_body: extraBody, ...rest } = body;
  if (!isObject(extraBody)) throw notAnObject("extra_body");
  const { google, ...others } = extraBody;
  checkObject(google, "extra_body.google");
  return {
    ...others,
    ...rest,
    ...(google !== undefined && rest.google === undefined && { google }),
  };
}

function checkObject(value: unknown, param: string) {
  if (value !== undefined && !isObject(value)) throw notAnObject(param);
}

const notAnObject = (param: string) =>
  badRequest(param, `Invalid value for '${param}': expected a JSON object.`);

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);
