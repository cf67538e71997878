/**
 * `npm run usage -- [--since 24h] [--by token|model|key] [--json]`: what the gateway's users and
 * keys spent, read from the Analytics Engine dataset the workers write (one data point per
 * answered request) through Cloudflare's SQL API, with the credentials the deploy tooling reads
 * (CLOUDFLARE_API_TOKEN with "Account Analytics: Read", CLOUDFLARE_ACCOUNT_ID;
 * CLOUDFLARE_API_BASE_URL in tests). USAGE_DATASET names another dataset.
 */
import { parseArgs } from "node:util";
import {
  fetchUsage,
  type UsageGrouping,
  type UsageRow,
  usageQuery,
} from "../common/usage-query.ts";
import { cloudflareAccount } from "../deploy/cloudflare/api.ts";
import { UserError } from "../deploy/user-error.ts";
import { DEFAULT_USAGE_DATASET } from "../deploy/wrangler-config.ts";
import { readEnvironment } from "./read-environment.ts";
import { runCli } from "./run-cli.ts";

const USAGE = "usage: npm run usage -- [--since 24h|7d|90m] [--by token|model|key] [--json]";
const GROUPINGS: readonly UsageGrouping[] = ["token", "model", "key"];

/** `--since` in hours: `90m`, `24h`, `7d`. */
export function parseSince(value: string): number {
  const match = /^(\d+)\s*([mhd])$/.exec(value.trim());
  const amount = Number(match?.[1]);
  if (!match || !(amount > 0)) {
    throw new UserError(
      `--since ${JSON.stringify(value)}: give a duration such as 90m, 24h or 7d.`,
    );
  }
  const hours = match[2] === "m" ? amount / 60 : match[2] === "d" ? amount * 24 : amount;
  if (hours > 24 * 90)
    throw new UserError(
      "--since reaches back at most 90 days (Analytics Engine keeps three months).",
    );
  return Math.max(1, Math.ceil(hours));
}

const NO_GROUP: Record<UsageGrouping, string> = {
  token: "(unauthenticated)",
  model: "(no model answered)",
  key: "(no key answered)",
};

export function formatUsageTable(rows: readonly UsageRow[], by: UsageGrouping): string {
  const header = [by, "requests", "errors", "prompt", "completion", "thinking", "avg ms"];
  const lines = rows.map((row) => [
    row.group === "" || row.group === "-" ? NO_GROUP[by] : row.group,
    String(row.requests),
    String(row.errors),
    String(row.promptTokens),
    String(row.completionTokens),
    String(row.thinkingTokens),
    String(row.averageLatencyMs),
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...lines.map((line) => (line[column] ?? "").length)),
  );
  const render = (cells: string[]) =>
    cells
      .map((cell, column) =>
        column === 0 ? cell.padEnd(widths[0] ?? 0) : cell.padStart(widths[column] ?? 0),
      )
      .join("  ");
  return [render(header), ...lines.map(render)].join("\n");
}

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      since: { type: "string", default: "24h" },
      by: { type: "string", default: "token" },
      json: { type: "boolean", default: false },
      "env-file": { type: "string" },
    },
  });
  const by = values.by as UsageGrouping;
  if (!GROUPINGS.includes(by))
    throw new UserError(`--by ${values.by}: choose token, model or key.`);
  const hours = parseSince(values.since);
  const env = readEnvironment(values["env-file"]);
  const account = cloudflareAccount(env);
  const dataset = env.USAGE_DATASET?.trim() || DEFAULT_USAGE_DATASET;
  let rows: UsageRow[];
  try {
    rows = await fetchUsage(
      { baseUrl: account.baseUrl, accountId: account.accountId, token: account.token },
      usageQuery(dataset, by, hours),
      AbortSignal.timeout(30_000),
    );
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new UserError(
      `${reason}\nThe token needs "Account Analytics: Read" on account CLOUDFLARE_ACCOUNT_ID (README: Sharing the gateway).`,
    );
  }
  if (values.json) console.log(JSON.stringify({ since: values.since, by, rows }, null, 2));
  else if (rows.length === 0) console.log(`No requests recorded in the last ${values.since}.`);
  else console.log(formatUsageTable(rows, by));
  return 0;
}

runCli(import.meta.url, main, USAGE);
