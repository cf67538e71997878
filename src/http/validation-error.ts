import type { BaseIssue } from "valibot";
import { type ApiError, badRequest } from "../../common/api-error.ts";

type Issue = BaseIssue<unknown>;
type PathItem = NonNullable<Issue["path"]>[number];

/** A valibot path → OpenAI's param notation, e.g. `messages[0].content[1].type`. */
export function toParam(path: readonly PathItem[]): string | null {
  let param = "";
  for (const item of path) {
    const key = item.key;
    if (typeof key === "number") param += `[${key}]`;
    else param += param === "" ? String(key) : `.${String(key)}`;
  }
  return param === "" ? null : param;
}

/**
 * A union (e.g. content: string | parts) fails as a whole; the branch that got furthest into the
 * value names the field that is actually wrong, e.g. `messages[0].content[1].type`. Branch issue
 * paths are relative to the union's own value.
 */
export function deepest(
  issue: Issue,
  prefix: readonly PathItem[],
): { issue: Issue; path: PathItem[] } {
  let best = { issue, path: [...prefix, ...(issue.path ?? [])] };
  for (const inner of issue.issues ?? []) {
    const candidate = deepest(inner, best.path.slice(0, prefix.length + (issue.path?.length ?? 0)));
    if (candidate.path.length > best.path.length) best = candidate;
  }
  return best;
}

/** The first (valibot) validation issue as a 400 naming the field: missing parameter, or invalid value. Shared by every surface. */
export function validationError(first: Issue): ApiError {
  const { issue, path } = deepest(first, []);
  const param = toParam(path);
  if (param === null) return badRequest(null, "The request body must be a JSON object.");
  if (issue.received === "undefined") {
    return badRequest(param, `Missing required parameter: '${param}'.`);
  }
  const reason = issue.expected
    ? `expected ${issue.expected}, received ${issue.received}`
    : issue.message;
  return badRequest(param, `Invalid value for '${param}': ${reason}.`);
}
