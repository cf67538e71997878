import type { Env } from "../env.ts";

const cache = new WeakMap<object, ReadonlyMap<string, string>>();

/** What a name may look like: a variable name, short (it is shown and logged). */
const NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/**
 * The user's names for this worker's keys, by fingerprint: `KEY_NAMES` as the deploy tooling and
 * `npm start` write it (`{"a1b2c3": "KEY10", …}`, deploy/plan.ts backendKeyNames). A worker holds
 * its keys as `KEY1..KEYk`, a place that says nothing to the user who set `KEY10`. Absent or
 * malformed, it names nothing (keys keep their slot names); entries that are not a 6-hex-digit
 * fingerprint and a variable-like name are skipped.
 */
export function keyNames(env: Env): ReadonlyMap<string, string> {
  const cached = cache.get(env);
  if (cached) return cached;
  const names = new Map<string, string>();
  const value = env.KEY_NAMES;
  if (typeof value === "string" && value.trim() !== "") {
    let parsed: unknown;
    try {
      parsed = JSON.parse(value);
    } catch {
      parsed = null;
    }
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) {
      for (const [print, name] of Object.entries(parsed)) {
        if (/^[0-9a-f]{6}$/.test(print) && typeof name === "string" && NAME.test(name)) {
          names.set(print, name);
        }
      }
    }
  }
  cache.set(env, names);
  return names;
}
