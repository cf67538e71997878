import type { Context } from "hono";
import { badRequest } from "../../common/api-error.ts";
import { parseJsonKeepingLongStrings } from "./long-strings.ts";

/** The request body as JSON (long strings as slices of it, not copies), or a 400 the client can act on. */
export async function readJsonBody(c: Context): Promise<unknown> {
  const text = await c.req.text();
  if (text.trim() === "") throw badRequest(null, "The request body is empty; send a JSON object.");
  try {
    return parseJsonKeepingLongStrings(text);
  } catch {
    throw badRequest(null, "The request body is not valid JSON.", "invalid_json");
  }
}
