import type { Env } from "../env.ts";
import type { ApiKey } from "../gemini/api-key.ts";

const KEY_NAME = /^KEY(\d+)$/;
const cache = new WeakMap<object, ApiKey[]>();

/**
 * The Gemini keys in this worker's environment: every `KEY<digits>` variable, in numeric order,
 * empty values skipped, a value that appears twice counted once. Adding keys needs no code change.
 */
export function discoverKeys(env: Env): ApiKey[] {
  const cached = cache.get(env);
  if (cached) return cached;
  const found: ApiKey[] = [];
  for (const [name, value] of Object.entries(env)) {
    const match = KEY_NAME.exec(name);
    if (!match?.[1] || typeof value !== "string" || value.trim() === "") continue;
    found.push({ index: Number(match[1]), value: value.trim() });
  }
  found.sort((a, b) => a.index - b.index);
  const seen = new Set<string>();
  const keys = found.filter((key) => !seen.has(key.value) && seen.add(key.value));
  cache.set(env, keys);
  return keys;
}
