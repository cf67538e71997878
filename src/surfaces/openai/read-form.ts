import type { Context } from "hono";
import { badRequest } from "../../../common/api-error.ts";

/** A multipart body's text fields (repeated or `name[]` ones as arrays) and its files by name. */
export interface FormInput {
  fields: Record<string, string | string[]>;
  files: Map<string, File[]>;
}

/**
 * Reads a `multipart/form-data` body (the runtime's own parser; the body limit has already
 * capped its size). `name[]` is read as `name`, so `image[]` and `image` are the same field.
 */
export async function readForm(c: Context): Promise<FormInput> {
  const type = c.req.header("content-type") ?? "";
  if (!/^multipart\/form-data\s*;/i.test(type)) {
    throw badRequest(
      null,
      "This endpoint takes multipart/form-data (a file and fields), as OpenAI's does.",
      "invalid_content_type",
    );
  }
  let form: FormData;
  try {
    form = await c.req.raw.formData();
  } catch {
    throw badRequest(null, "The multipart/form-data body could not be read.", "invalid_multipart");
  }
  const input: FormInput = { fields: {}, files: new Map() };
  for (const [rawName, value] of form.entries()) {
    const name = rawName.endsWith("[]") ? rawName.slice(0, -2) : rawName;
    if (typeof value === "string") {
      const previous = input.fields[name];
      input.fields[name] =
        previous === undefined
          ? rawName.endsWith("[]")
            ? [value]
            : value
          : [...(Array.isArray(previous) ? previous : [previous]), value];
    } else {
      input.files.set(name, [...(input.files.get(name) ?? []), value as File]);
    }
  }
  return input;
}
