import type { Context } from "hono";
import { badRequest } from "../../../common/api-error.ts";

const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/**
 * The request body as the text to send upstream unchanged, after checking that it is one JSON
 * object (the size cap is the app's body limit). Decoded strictly, so the text re-encodes to the
 * very bytes the client sent; the parsed value is only looked at, never re-serialized, so fields
 * the gateway does not know yet reach Gemini as they are.
 */
export async function readJsonObjectText(c: Context): Promise<string> {
  return (await readJsonObject(c)).text;
}

/** `readJsonObjectText`, with the object it parsed (to be looked at, never re-serialized as is). */
export async function readJsonObject(
  c: Context,
): Promise<{ text: string; value: Record<string, unknown> }> {
  let text: string;
  try {
    text = decoder.decode(await c.req.arrayBuffer());
  } catch {
    throw badRequest(null, "The request body is not valid UTF-8.", "invalid_json");
  }
  if (text.trim() === "") throw badRequest(null, "The request body is empty; send a JSON object.");
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw badRequest(null, "The request body is not valid JSON.", "invalid_json");
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw badRequest(null, "The request body must be a JSON object.", "invalid_json");
  }
  return { text, value: value as Record<string, unknown> };
}
