/**
 * Reading the usage data points back (see usage-point.ts for the columns) with Analytics Engine's
 * SQL API: `POST <api>/accounts/<account>/analytics_engine/sql`, the query as the body, a token
 * with "Account Analytics: Read". https://developers.cloudflare.com/analytics/analytics-engine/sql-api/
 * Analytics Engine samples at high volume: every sum is weighted by `_sample_interval`.
 */
export type UsageGrouping = "token" | "model" | "key";

/** The column each grouping reads: the token's label, the model that served, the key's fingerprint. */
const GROUP_COLUMN: Record<UsageGrouping, string> = {
  token: "blob1",
  model: "blob5",
  key: "blob6",
};

export interface UsageRow {
  /** The token label, model or key fingerprint ("" where none: refused before Gemini answered). */
  group: string;
  requests: number;
  errors: number;
  promptTokens: number;
  completionTokens: number;
  thinkingTokens: number;
  averageLatencyMs: number;
}

/** Dataset names are Cloudflare identifiers; anything else is refused rather than spliced in. */
export function checkDatasetName(dataset: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(dataset)) {
    throw new Error(`${JSON.stringify(dataset)} is not a dataset name (letters, digits and _).`);
  }
  return dataset;
}

/** The query for the last `hours` hours, one row per group, busiest first. */
export function usageQuery(dataset: string, by: UsageGrouping, hours: number): string {
  const column = GROUP_COLUMN[by];
  const window = Math.max(1, Math.min(24 * 90, Math.round(hours)));
  return [
    `SELECT ${column} AS grp,`,
    "  SUM(_sample_interval) AS requests,",
    "  sumIf(_sample_interval, double1 >= 400) AS errors,",
    "  SUM(_sample_interval * double2) AS prompt_tokens,",
    "  SUM(_sample_interval * double3) AS completion_tokens,",
    "  SUM(_sample_interval * double4) AS thinking_tokens,",
    "  SUM(_sample_interval * double5) / SUM(_sample_interval) AS avg_latency_ms",
    `FROM ${checkDatasetName(dataset)}`,
    `WHERE timestamp > NOW() - INTERVAL '${window}' HOUR`,
    "GROUP BY grp",
    "ORDER BY requests DESC",
    "LIMIT 100",
    "FORMAT JSON",
  ].join("\n");
}

/** The API answers numbers as JSON numbers or, for 64-bit sums, strings: both are read. */
const number = (value: unknown) => {
  const parsed = Number(value ?? 0);
  return Number.isFinite(parsed) ? parsed : 0;
};

/** The rows of a `FORMAT JSON` answer (`{ meta, data, rows }`); throws on anything else. */
export function parseUsageAnswer(answer: unknown): UsageRow[] {
  const data = (answer as { data?: unknown } | null)?.data;
  if (!Array.isArray(data)) throw new Error("the SQL API's answer held no data rows.");
  return data.map((row: Record<string, unknown>) => ({
    group: String(row.grp ?? ""),
    requests: number(row.requests),
    errors: number(row.errors),
    promptTokens: number(row.prompt_tokens),
    completionTokens: number(row.completion_tokens),
    thinkingTokens: number(row.thinking_tokens),
    averageLatencyMs: Math.round(number(row.avg_latency_ms)),
  }));
}

/** Runs one usage query against the SQL API; throws with the API's status and text on failure. */
export async function fetchUsage(
  api: { baseUrl: string; accountId: string; token: string },
  query: string,
  signal?: AbortSignal,
): Promise<UsageRow[]> {
  const response = await fetch(
    `${api.baseUrl}/accounts/${encodeURIComponent(api.accountId)}/analytics_engine/sql`,
    {
      method: "POST",
      headers: { authorization: `Bearer ${api.token}`, "content-type": "text/plain" },
      body: query,
      signal,
    },
  );
  const text = await response.text();
  if (!response.ok) {
    throw new Error(
      `the Analytics Engine SQL API answered ${response.status}: ${text.slice(0, 300)}`,
    );
  }
  return parseUsageAnswer(JSON.parse(text));
}
