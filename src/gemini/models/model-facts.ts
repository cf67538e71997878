import { BoundedMap } from "../../../common/bounded-map.ts";
import type { ModelRow } from "./model-row.ts";
import { MODEL_TABLE } from "./model-table.ts";

/**
 * What the gateway knows of a model id, read from the model table (model-table.ts).
 *
 * - `tableRow(id)`: the table's own row, or undefined.
 * - `modelFacts(id)`: the row for any id, never undefined. A `-latest` alias and an id Google
 *   reroutes to another model (`reroutedTo`) take their request rules (thinking, refusals,
 *   limits, tools) from the model that answers (`servedBy`) and keep their own lifecycle (status,
 *   shutdown, replacement). An id the table does not know is derived from its family and version
 *   (`origin: "derived"`): the newest known model of the same generation and tier not newer than
 *   it — `gemini-9.9-flash` is ruled like `gemini-3.8-flash`, `gemini-4.1-pro` like the newest
 *   Gemini 4 — and what Gemini then refuses is learnt (learnt-rules.ts).
 * - `knownOutputTokenLimit(id)`: the output limit only where the table knows the model (an
 *   unknown model's request is never refused for its size).
 */
export interface ModelFacts extends ModelRow {
  /** "table": a row (or its alias / reroute target); "derived": an id the table does not know. */
  origin: "table" | "derived";
  /** The model that answers requests for this id: itself, an alias target or a reroute target. */
  servedBy: string;
}

const ROWS = new Map(MODEL_TABLE.map((row) => [row.id, row]));

export function tableRow(id: string): ModelRow | undefined {
  return ROWS.get(bare(id));
}

/** Derived rows are computed once per id; the map is bounded (ids come from clients). */
const DERIVED_LIMIT = 256;
const derived = new BoundedMap<string, ModelFacts>(DERIVED_LIMIT);

export function modelFacts(id: string): ModelFacts {
  const name = bare(id);
  const row = ROWS.get(name);
  if (row) return servedFacts(row);
  let facts = derived.get(name);
  if (!facts) {
    facts = deriveFacts(name);
    derived.set(name, facts);
  }
  return facts;
}

export function knownOutputTokenLimit(id: string): number | undefined {
  const facts = modelFacts(id);
  return facts.origin === "table" ? facts.outputTokenLimit : undefined;
}

function servedFacts(row: ModelRow): ModelFacts {
  const target = row.aliasOf ?? row.reroutedTo;
  const served = target ? ROWS.get(target) : undefined;
  if (!served) return { ...row, origin: "table", servedBy: row.id };
  return {
    ...served,
    id: row.id,
    displayName: row.displayName,
    status: row.status,
    ...lifecycle(row),
    source: row.source,
    ...(row.thirdParty ? { thirdParty: row.thirdParty } : {}),
    origin: "table",
    servedBy: served.id,
  };
}

function lifecycle(row: ModelRow): Partial<ModelRow> {
  const { released, shutdown, reroutedTo, replacement, aliasOf } = row;
  return Object.fromEntries(
    Object.entries({ released, shutdown, reroutedTo, replacement, aliasOf }).filter(
      ([, value]) => value !== undefined,
    ),
  );
}

interface ParsedId {
  major: number;
  version: number;
  /** flash-lite, flash, pro, or the Gemini 4 code name; image/tts/embedding/live kinds apart. */
  tier: string;
  kind: ModelRow["kind"];
}

const GEMINI_ID = /^gemini-(\d+)(?:\.(\d+))?-([a-z][a-z0-9-]*)$/;

function parseId(id: string): ParsedId | null {
  const match = GEMINI_ID.exec(id);
  if (!match) return null;
  const major = Number(match[1]);
  const rest = match[3] ?? "";
  const kind: ModelRow["kind"] = rest.includes("embedding")
    ? "embedding"
    : /(^|-)transcribe(-|$)/.test(rest)
      ? "transcription"
      : /(^|-)image(-|$)/.test(rest)
        ? "image"
        : /(^|-)tts(-|$)/.test(rest)
          ? "speech"
          : /(^|-)live(-|$)/.test(rest)
            ? "live"
            : "text";
  const tier = /flash-lite/.test(rest)
    ? "flash-lite"
    : /(^|-)flash(-|$)/.test(rest)
      ? "flash"
      : /(^|-)pro(-|$)/.test(rest)
        ? "pro"
        : (rest.split("-")[0] ?? rest);
  return { major, version: Number(`${major}.${match[2] ?? "0"}`), tier, kind };
}

/** Rows that can stand for an unknown id, by their own rules: every row but the aliases. */
const TEMPLATES = MODEL_TABLE.flatMap((row) => {
  const parsed = parseId(row.id);
  return parsed && !row.aliasOf ? [{ row, parsed }] : [];
});

/**
 * An unknown id's facts: among table models of its kind not newer than it, the newest of the same
 * generation and tier, else of the same generation, else of the same tier, else any; stable rows
 * before previews. Gemma ids take Gemma's rules; other ids (and Gemini older than every row)
 * take no thinking config and refuse nothing.
 */
function deriveFacts(id: string): ModelFacts {
  const parsed = parseId(id);
  const gemma = id.startsWith("gemma-") ? ROWS.get("gemma-3-27b-it") : undefined;
  const template = parsed ? pickTemplate(parsed) : gemma;
  const base: ModelRow = template ?? {
    id,
    displayName: id,
    kind: "text",
    status: "stable",
    thinking: { kind: "none" },
    refuses: { penalties: false, prefill: false, systemInstruction: false, functions: false },
    ignoresSampling: false,
    searchWithFunctions: false,
    thoughtSignatures: false,
    partMediaResolution: false,
    outputModalities: ["TEXT"],
    inputTokenLimit: 1_048_576,
    outputTokenLimit: 8_192,
    source: "",
  };
  return {
    ...base,
    id,
    displayName: id,
    status: "stable",
    source: template ? `derived from ${template.id}` : "not in the table",
    origin: "derived",
    servedBy: id,
  };
}

function pickTemplate(wanted: ParsedId): ModelRow | undefined {
  const older = TEMPLATES.filter(
    ({ parsed }) => parsed.kind === wanted.kind && parsed.version <= wanted.version,
  );
  const groups = [
    older.filter(({ parsed }) => parsed.major === wanted.major && parsed.tier === wanted.tier),
    older.filter(({ parsed }) => parsed.major === wanted.major),
    older.filter(({ parsed }) => parsed.tier === wanted.tier),
    older,
  ];
  for (const group of groups) {
    const live = group.filter(({ row }) => row.status !== "retired");
    const pool = live.length > 0 ? live : group;
    const best = pool.sort(
      (a, b) =>
        b.parsed.version - a.parsed.version ||
        Number(a.row.status === "preview") - Number(b.row.status === "preview"),
    )[0];
    if (best) return best.row;
  }
  return undefined;
}

function bare(id: string): string {
  const lower = id.toLowerCase();
  return lower.startsWith("models/") ? lower.slice("models/".length) : lower;
}
