import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../../support/workerd.ts";

/**
 * What lives as long as a worker's isolate must have a stated maximum size: a module-level Map or
 * Set that requests add to grows the heap with every new value a client sends, until Cloudflare
 * resets the isolate (and its key health memory with it). Module-level state is a BoundedMap
 * (common/bounded-map.ts), a WeakMap (entries die with their key object), or a fixed table
 * built from literals.
 */
const WORKER_SOURCES = ["src", "orchestrator/src", "common"];

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

/** Module-level `const|let name = new Map(…)` / `new Set(…)` / `= []` that is not a fixed table. */
function unboundedModuleState(text: string): string[] {
  const found: string[] = [];
  const declaration =
    /^(?:export )?(?:const|let) (\w+)(?:: [^=]+)? = (new (?:Map|Set)\b[^(]*\(([^)]*)|\[\]|\{\})/gm;
  for (const match of text.matchAll(declaration)) {
    const [, name, , argument] = match;
    // A bound stated where it is declared, e.g. `// bounded: RECENTLY_CHECKED_MAX` (and tested).
    const lineEnd = text.indexOf("\n", match.index);
    if (/\/\/ bounded: \S/.test(text.slice(match.index, lineEnd === -1 ? undefined : lineEnd)))
      continue;
    // A Set or Map built from a literal list or table is fixed: nothing adds to it later…
    if (argument !== undefined && /^\s*(\[|Object\.|[A-Z_]+\b)/.test(argument)) {
      // …as long as nothing does.
      if (!new RegExp(`\\b${name}\\.(add|set)\\(`).test(text)) continue;
    }
    found.push(match[0]);
  }
  return found;
}

describe("isolate-wide state", () => {
  it("every module-level map, set or list in the workers is bounded (a BoundedMap) or fixed", () => {
    const offenders: string[] = [];
    for (const folder of WORKER_SOURCES) {
      for (const file of sourceFiles(join(ROOT, folder))) {
        for (const declaration of unboundedModuleState(readFileSync(file, "utf8"))) {
          offenders.push(`${relative(ROOT, file)}: ${declaration}`);
        }
      }
    }
    expect(offenders).toEqual([]);
  });

  it("the check itself finds a module-level Map that requests add to", () => {
    expect(unboundedModuleState("const cache = new Map<string, string>();\n")).toHaveLength(1);
    expect(unboundedModuleState("export const seen = new Set();\n")).toHaveLength(1);
    expect(unboundedModuleState("const pending: string[] = [];\n")).toHaveLength(1);
    expect(
      unboundedModuleState('const NAMES = new Set(["a", "b"]);\nNAMES.add(x);\n'),
    ).toHaveLength(1);
    expect(unboundedModuleState('const NAMES = new Set(["a", "b"]);\n')).toHaveLength(0);
    expect(unboundedModuleState("const cache = new BoundedMap<string, string>(8);\n")).toEqual([]);
    expect(unboundedModuleState("const last: string[] = []; // bounded: LAST_MAX\n")).toEqual([]);
  });
});
