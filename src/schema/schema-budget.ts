import { badRequest } from "../../common/api-error.ts";

/**
 * The most work one schema may cost, whatever the client sends. A real tool schema is a few
 * hundred nodes, ten levels deep, a few KB (the corpus in test/fixtures/schemas/ peaks well below
 * a tenth of each). Without these bounds a 2 KB schema of chained `$ref`s expanded to a 169 MB
 * upstream body, and a 10,000-deep one overflowed the JS stack (issue 8, point 2).
 */
export const SCHEMA_LIMITS = {
  /** Nested schema levels, counted in the client's schema and again in what is sent. */
  depth: 64,
  /** Schema nodes written to the upstream request (after any `$ref` inlining). */
  nodes: 10_000,
  /** Characters of keys and values written to the upstream request. */
  chars: 1_000_000,
} as const;

/**
 * Counts what one conversion has written; every converter calls `enter` before it descends and
 * `spend` for what it copies, so a schema over a limit stops early with a 400 naming the field
 * (`tools[3].function.parameters`, `response_format.json_schema.schema`).
 */
export class SchemaBudget {
  readonly param: string;
  private nodes = 0;
  private chars = 0;

  constructor(param: string) {
    this.param = param;
  }

  /** One more schema node at `depth` (0 = the root), found at `path` inside the schema. */
  enter(depth: number, path: string): void {
    if (depth > SCHEMA_LIMITS.depth) {
      throw this.invalid(
        `it is nested deeper than ${SCHEMA_LIMITS.depth} levels (at '${printablePath(path)}')`,
      );
    }
    this.nodes += 1;
    if (this.nodes > SCHEMA_LIMITS.nodes) {
      throw this.invalid(
        `it expands to more than ${SCHEMA_LIMITS.nodes} schema nodes (chained or repeated $ref?)`,
      );
    }
  }

  /** Copies a keyword's value, counting its size. */
  spend(value: unknown): void {
    this.chars += sizeOf(value);
    if (this.chars > SCHEMA_LIMITS.chars) {
      throw this.invalid(`it expands to more than ${SCHEMA_LIMITS.chars} characters`);
    }
  }

  /** A 400 naming the field, for a schema that cannot be sent. */
  invalid(reason: string) {
    return badRequest(
      this.param,
      `Invalid schema in '${this.param}': ${reason}.`,
      "invalid_schema",
    );
  }
}

/** JSON size of a keyword value that is not itself walked as a schema (bounded: values are data). */
function sizeOf(value: unknown): number {
  if (typeof value === "string") return value.length + 2;
  if (value === null || typeof value !== "object") return 8;
  return JSON.stringify(value)?.length ?? 0;
}

function printablePath(path: string): string {
  return path.length > 200 ? `${path.slice(0, 200)}…` : path || "(root)";
}
