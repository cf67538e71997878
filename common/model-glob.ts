import { BoundedMap } from "./bounded-map.ts";

/** Compiled globs, once per list and isolate (one per token model list in use). */
const compiled = new BoundedMap<string, RegExp>(64);

/**
 * Whether `model` (a Gemini model id, with or without `models/`) matches one of `globs`, where `*`
 * stands for any run of characters and everything else for itself: `gemini-3*-flash*`.
 */
export function modelMatches(model: string, globs: readonly string[]): boolean {
  const id = model.startsWith("models/") ? model.slice("models/".length) : model;
  const cacheKey = globs.join("\n");
  let pattern = compiled.get(cacheKey);
  if (!pattern) {
    const alternatives = globs.map((glob) =>
      glob
        .replace(/^models\//, "")
        .split("*")
        .map((part) => part.replace(/[.+?^${}()|[\]\\/-]/g, "\\$&"))
        .join(".*"),
    );
    pattern = new RegExp(`^(?:${alternatives.join("|")})$`);
    compiled.set(cacheKey, pattern);
  }
  return pattern.test(id);
}
