/** A JSON object (not an array). */
export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Resolves a same-document `$ref` (`#`, `#/$defs/Item`, `#/properties/a%20b/items/0`) against the
 * schema's root (RFC 6901, with the URI fragment's percent-encoding). Returns undefined for a
 * reference that is not local or does not resolve; never throws (`#/%` is malformed, not a 500).
 */
export function resolvePointer(root: unknown, ref: string): unknown {
  if (!ref.startsWith("#")) return undefined;
  const fragment = ref.slice(1);
  if (fragment === "") return root;
  if (!fragment.startsWith("/")) return undefined;
  let current: unknown = root;
  for (const raw of fragment.slice(1).split("/")) {
    let key: string;
    try {
      key = decodeURIComponent(raw);
    } catch {
      return undefined;
    }
    key = key.replaceAll("~1", "/").replaceAll("~0", "~");
    if (Array.isArray(current)) {
      if (!/^(0|[1-9][0-9]*)$/.test(key)) return undefined;
      current = current[Number(key)];
    } else if (isObject(current) && Object.hasOwn(current, key)) {
      current = current[key];
    } else {
      return undefined;
    }
  }
  return current;
}

const ANCHOR = /^#([A-Za-z_][-A-Za-z0-9._]*)$/;
const anchorIndexes = new WeakMap<object, Map<string, unknown>>();

/**
 * Resolves a same-document `$ref`: a JSON pointer (resolvePointer) or a plain-name fragment
 * naming an `$anchor` (`#node`, JSON Schema 2020-12 §8.2.2; Gemini lists `$anchor` among the
 * keywords responseJsonSchema takes). Undefined when it names nothing.
 */
export function resolveRef(root: unknown, ref: string): unknown {
  const anchor = ANCHOR.exec(ref)?.[1];
  if (anchor === undefined) return resolvePointer(root, ref);
  if (typeof root !== "object" || root === null) return undefined;
  let index = anchorIndexes.get(root);
  if (!index) {
    index = indexAnchors(root);
    anchorIndexes.set(root, index);
  }
  return index.get(anchor);
}

/** Every `$anchor` in a document, found without recursion (the first of a name wins). */
function indexAnchors(root: object): Map<string, unknown> {
  const index = new Map<string, unknown>();
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (Array.isArray(node)) stack.push(...node);
    else if (isObject(node)) {
      if (typeof node.$anchor === "string" && !index.has(node.$anchor))
        index.set(node.$anchor, node);
      stack.push(...Object.values(node));
    }
  }
  return index;
}
