import type { BaseIssue } from "valibot";
import { type ApiError, badRequest } from "../../../../common/api-error.ts";
import { deepest } from "../../../http/validation-error.ts";

type Issue = BaseIssue<unknown>;
type PathItem = NonNullable<Issue["path"]>[number];

/** A field path as Anthropic's errors write it: `messages.0.content.1.source`. */
export function toFieldPath(prefix: string, path: readonly PathItem[] = []): string {
  const keys = path.map((item) => String(item.key));
  return [prefix, ...keys].filter((key) => key !== "").join(".");
}

/**
 * The first validation issue as a 400: `<field>: Field required`, `<field>: expected …` for a
 * wrong type, or the check's own message for a value a check refused.
 */
export function toRequestError(first: Issue, prefix = ""): ApiError {
  const { issue, path } = deepest(first, []);
  const field = toFieldPath(prefix, path);
  if (field === "") return badRequest(null, "The request body must be a JSON object.");
  if (issue.received === "undefined") return badRequest(field, `${field}: Field required.`);
  // A failed check (empty string, out of range) says what it wanted in its own words; only a wrong
  // type reads well as "expected …, received …" (valibot's "expected !0" would not).
  const reason =
    issue.kind !== "validation" && issue.expected
      ? `expected ${issue.expected}, received ${issue.received}`
      : issue.message;
  return badRequest(field, `${field}: ${reason}.`);
}
