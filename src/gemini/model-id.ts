import { badRequest } from "../../common/api-error.ts";

/**
 * A Gemini model id that passed the one model-id grammar: safe to place in an upstream URL path.
 * Only `parseModelId` makes one, so a URL can never be built from unchecked client text.
 */
export type ModelId = string & { readonly __brand: "ModelId" };

/** Letters, digits, `.`, `-`, `_`; starts with a letter or digit; at most 128 characters. */
const MODEL_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/**
 * Checks a bare model id (suffixes already parsed off, `models/` allowed once in front) and
 * returns it branded; anything else (`/`, `..`, `?`, `#`, `%`, `:`, whitespace, control
 * characters, over 128 characters) is a 400 naming `param`.
 */
export function parseModelId(name: string, param = "model"): ModelId {
  const bare = name.startsWith("models/") ? name.slice("models/".length) : name;
  if (!isModelId(bare)) throw invalidModelId(name, param);
  return bare as ModelId;
}

export const invalidModelId = (name: string, param = "model") =>
  badRequest(
    param,
    `'${printable(name)}' is not a valid model id: use letters, digits, '.', '-' and '_' only (at most 128 characters), e.g. gemini-3.8-flash.`,
    "invalid_model",
  );

export function isModelId(name: string): boolean {
  return MODEL_ID.test(name) && !name.includes("..");
}

/** Client text echoed in a message: control characters escaped, length capped. */
function printable(text: string): string {
  const short = text.length > 80 ? `${text.slice(0, 80)}…` : text;
  return JSON.stringify(short).slice(1, -1);
}
