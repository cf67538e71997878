/**
 * `npm run keys -- check [--model <id>] [--json] [--env-file <path>] [--concurrency <n>]`:
 * which of my keys work? Reads KEY1..KEY100 the way `npm start` and deploy do (the environment,
 * `.dev.vars`, or `--env-file`), checks each against Gemini (GEMINI_BASE_URL, default Google's)
 * with calls that spend no generation quota, a few at a time, and prints a table (or JSON). Keys
 * are named by variable and fingerprint, never shown. Exit 0: every key usable (ok, or only
 * rate-limited right now); 1: some key is unusable; 2: the check itself could not run.
 */
import { parseArgs } from "node:util";
import { fingerprint } from "../common/key-fingerprint.ts";
import { collectKeys } from "../deploy/plan.ts";
import { parseModelId } from "../src/gemini/model-id.ts";
import { checkKey, type KeyStatus } from "../src/pool/key-check.ts";
import { readEnvironment } from "./read-environment.ts";

export interface KeyReport {
  index: number;
  fingerprint: string;
  status: KeyStatus | "error";
  message: string;
}

const USABLE: ReadonlySet<KeyReport["status"]> = new Set(["ok", "rate_limited"]);
const DEFAULT_BASE_URL = "https://generativelanguage.googleapis.com";
const USAGE =
  "usage: npm run keys -- check [--model <id>] [--json] [--env-file <path>] [--concurrency <n>]";

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      model: { type: "string", default: "gemini-3.8-flash" },
      json: { type: "boolean", default: false },
      "env-file": { type: "string" },
      concurrency: { type: "string", default: "4" },
    },
  });
  if (positionals[0] !== "check") {
    console.error(USAGE);
    return 2;
  }
  const env = readEnvironment(values["env-file"]);
  const { keys, warnings } = collectKeys(env);
  for (const warning of warnings) console.error(`warning: ${warning}`);
  if (keys.length === 0) {
    console.error("No keys found: set KEY1, KEY2, … in the environment, .dev.vars or --env-file.");
    return 2;
  }
  const model = parseModelId(values.model);
  const concurrency = Math.max(1, Math.min(16, Number(values.concurrency) || 4));
  const target = {
    baseUrl: env.GEMINI_BASE_URL || DEFAULT_BASE_URL,
    secrets: keys.map((key) => key.value),
  };
  const reports: KeyReport[] = new Array(keys.length);
  const progress = process.stderr.isTTY && !values.json;
  let done = 0;
  let next = 0;
  const lane = async () => {
    while (next < keys.length) {
      const position = next++;
      const entry = keys[position] as (typeof keys)[number];
      const index = Number(entry.sourceName.slice(3));
      const print = await fingerprint(entry.value);
      try {
        const check = await checkKey(
          target,
          { index, value: entry.value },
          {
            model,
            countTokens: true,
            signal: AbortSignal.timeout(30_000),
          },
        );
        reports[position] = {
          index,
          fingerprint: print,
          status: check.status,
          message: check.message,
        };
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        reports[position] = { index, fingerprint: print, status: "error", message };
      }
      done++;
      if (progress) process.stderr.write(`\rchecked ${done}/${keys.length} keys`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, keys.length) }, lane));
  if (progress) process.stderr.write("\n");
  if (values.json) console.log(JSON.stringify(reports, null, 2));
  else console.log(formatTable(reports, model));
  return reports.every((report) => USABLE.has(report.status)) ? 0 : 1;
}

/** A plain table for a terminal and for a GitHub job summary (it is also valid Markdown). */
export function formatTable(reports: readonly KeyReport[], model: string): string {
  const rows = reports.map((report) => [
    `KEY${report.index}`,
    report.fingerprint,
    report.status,
    report.message.replaceAll("|", "\\|").replace(/\s+/g, " ").slice(0, 160),
  ]);
  const counts = new Map<string, number>();
  for (const report of reports) counts.set(report.status, (counts.get(report.status) ?? 0) + 1);
  const summary = [...counts].map(([status, count]) => `${count} ${status}`).join(", ");
  return [
    `| key | fingerprint | status (${model}) | message |`,
    "| --- | --- | --- | --- |",
    ...rows.map((row) => `| ${row.join(" | ")} |`),
    "",
    `${reports.length} key(s): ${summary}`,
  ].join("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // package.json runs `node scripts/keys.ts -- …`: without the `--`, Node itself would take
  // `--env-file` as its own option (it scans the whole command line for it).
  const args = process.argv.slice(2);
  main(args[0] === "--" ? args.slice(1) : args).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(`keys check failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(2);
    },
  );
}
