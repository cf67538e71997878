import { badRequest } from "../../common/api-error.ts";
import { knownOutputTokenLimit } from "./models/model-facts.ts";

/**
 * The largest maxOutputTokens a model accepts (Gemini refuses more), from the model table:
 * 65,536 for Gemini 3.x, 1,048,576 for Gemini 4 (reached through long decode), 8,192 for Gemma;
 * undefined for a model the table does not know (its requests are never refused for their size).
 */
export function outputTokenLimit(model: string): number | undefined {
  return knownOutputTokenLimit(model);
}

/**
 * A client's output-token cap, checked against the model's limit before any upstream call: above
 * it is the client's 400 naming `param` (max_tokens, max_completion_tokens, max_output_tokens),
 * where Gemini would answer a 400 that names no client field.
 */
export function checkOutputTokens(model: string, value: unknown, param: string): void {
  if (typeof value !== "number") return;
  const limit = outputTokenLimit(model);
  if (limit === undefined || value <= limit) return;
  throw badRequest(
    param,
    `${param} is ${value}, above ${model}'s output limit of ${limit} tokens. Ask for at most ${limit}.`,
    "max_tokens_too_large",
  );
}
