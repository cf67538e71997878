import { isObject, type JsonObject, resolveRef } from "./json-pointer.ts";

/** A required property on the way from a definition to a `$ref`: `parent.required` names `name`. */
interface Step {
  parent: JsonObject;
  name: string;
}

interface Edge {
  from: string;
  to: string;
  steps: Step[];
}

/**
 * Gemini refuses a `$ref` cycle that a value must follow forever: "ref loops are only supported if
 * they include optional or nullable property values, or a potentially-zero-length array items,
 * but a ref loop of required fields was found at $defs.AndFilter.properties.and…"
 * (juspay/juspay-mcp#132; GenerationConfig.responseJsonSchema: cyclic references "may only be
 * used within non-required properties"). pydantic writes such loops for recursive models whose
 * recursive fields have no default (`left: float | Expression`). Each such loop is cut by making
 * the last required property before its `$ref` optional — the recursion stays usable and the
 * model can still fill the property; the alternative is Gemini's 400 for the whole request.
 * Works on a converted schema whose `$ref`s are all `#` or `#/$defs/<name>` (to-json-schema-mode).
 * Returns the properties made optional, as `<definition>.<property>`.
 */
export function relaxRequiredRefLoops(schema: JsonObject): string[] {
  const relaxed: string[] = [];
  const resources: [string, unknown][] = [["#", schema]];
  if (isObject(schema.$defs)) {
    for (const [name, definition] of Object.entries(schema.$defs)) {
      resources.push([`#/$defs/${name}`, definition]);
    }
  }
  // Each pass cuts one loop; a schema has at most as many loops to cut as required steps.
  for (let pass = 0; pass < 1000; pass += 1) {
    const edges = resources.flatMap(([id, node]) => requiredEdges(id, node, schema));
    const loop = findLoop(edges);
    if (!loop) break;
    const step = loop.steps[loop.steps.length - 1];
    if (!step) break;
    const required = step.parent.required as unknown[];
    step.parent.required = required.filter((name) => name !== step.name);
    if ((step.parent.required as unknown[]).length === 0) delete step.parent.required;
    relaxed.push(`${loop.from}.${step.name}`);
  }
  return relaxed;
}

/** The `$ref`s reachable from a resource along required, non-null steps only. */
function requiredEdges(from: string, root: unknown, document: JsonObject): Edge[] {
  const edges: Edge[] = [];
  const stack: { node: unknown; steps: Step[] }[] = [{ node: root, steps: [] }];
  while (stack.length > 0) {
    const { node, steps } = stack.pop() as { node: unknown; steps: Step[] };
    if (!isObject(node)) continue;
    if (typeof node.$ref === "string") {
      if (resolveRef(document, node.$ref) !== undefined) edges.push({ from, to: node.$ref, steps });
      continue;
    }
    for (const key of ["anyOf", "oneOf", "allOf", "prefixItems"]) {
      const members = node[key];
      if (Array.isArray(members)) for (const member of members) stack.push({ node: member, steps });
    }
    // Array items can be zero-length, maps empty: only a non-empty array keeps the loop.
    if (isObject(node.items) && typeof node.minItems === "number" && node.minItems > 0) {
      stack.push({ node: node.items, steps });
    }
    const required = Array.isArray(node.required) ? node.required : [];
    if (!isObject(node.properties)) continue;
    for (const [name, property] of Object.entries(node.properties)) {
      if (!required.includes(name) || isNullable(property)) continue;
      stack.push({ node: property, steps: [...steps, { parent: node, name }] });
    }
  }
  return edges;
}

function isNullable(schema: unknown): boolean {
  if (!isObject(schema)) return false;
  if (schema.type === "null" || (Array.isArray(schema.type) && schema.type.includes("null"))) {
    return true;
  }
  const members = Array.isArray(schema.anyOf) ? schema.anyOf : schema.oneOf;
  return Array.isArray(members) && members.some(isNullable);
}

/**
 * An edge of a cycle that has a required step to cut (the closing edge if it has one, else the
 * nearest before it), found by an iterative depth-first search; undefined when there is none.
 */
function findLoop(edges: Edge[]): Edge | undefined {
  const from = new Map<string, Edge[]>();
  for (const edge of edges) from.set(edge.from, [...(from.get(edge.from) ?? []), edge]);
  const state = new Map<string, "open" | "done">();
  for (const start of from.keys()) {
    if (state.has(start)) continue;
    const stack: { id: string; next: number; via?: Edge }[] = [{ id: start, next: 0 }];
    state.set(start, "open");
    while (stack.length > 0) {
      const top = stack[stack.length - 1] as { id: string; next: number; via?: Edge };
      const edge = (from.get(top.id) ?? [])[top.next];
      top.next += 1;
      if (!edge) {
        state.set(top.id, "done");
        stack.pop();
        continue;
      }
      if (state.get(edge.to) === "open") {
        const cycle = [edge];
        for (let index = stack.length - 1; index > 0 && stack[index]?.id !== edge.to; index -= 1) {
          const via = stack[index]?.via;
          if (via) cycle.push(via);
        }
        const cuttable = cycle.find((candidate) => candidate.steps.length > 0);
        if (cuttable) return cuttable;
        continue;
      }
      if (!state.has(edge.to)) {
        state.set(edge.to, "open");
        stack.push({ id: edge.to, next: 0, via: edge });
      }
    }
  }
  return undefined;
}
