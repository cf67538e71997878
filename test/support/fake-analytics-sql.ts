import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

/** One stored data point, as Analytics Engine keeps it (with its sample interval and time). */
export interface StoredPoint {
  blobs: string[];
  doubles: number[];
  timestamp: number;
  sampleInterval?: number;
}

export interface FakeAnalyticsSql {
  baseUrl: string;
  accountId: string;
  token: string;
  dataset: string;
  points: StoredPoint[];
  /** Every query text received. */
  queries: string[];
  close(): Promise<void>;
}

/**
 * Cloudflare's Analytics Engine SQL API, for the queries the gateway sends: it evaluates the
 * SELECT forms they use (a blob as the group; SUM and sumIf over _sample_interval and doubles; the
 * weighted average), the `FROM` dataset, the `INTERVAL 'n' HOUR` window, GROUP BY, ORDER BY
 * requests DESC and LIMIT — and answers 400 for any other form, so a query the real API would
 * read differently fails here too. Sums come back as strings, as 64-bit numbers do in FORMAT JSON.
 */
export async function startFakeAnalyticsSql(
  options: { token?: string; accountId?: string; dataset?: string } = {},
): Promise<FakeAnalyticsSql> {
  const token = options.token ?? "fake-analytics-read-token";
  const accountId = options.accountId ?? "0123456789abcdef0123456789abcdef";
  const dataset = options.dataset ?? "zen_ai_router_usage";
  const points: StoredPoint[] = [];
  const queries: string[] = [];
  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const query = Buffer.concat(chunks).toString("utf8");
    const reply = (status: number, body: unknown) => {
      response.writeHead(status, { "content-type": "application/json" });
      response.end(JSON.stringify(body));
    };
    if (
      request.url !== `/accounts/${accountId}/analytics_engine/sql` ||
      request.method !== "POST"
    ) {
      return reply(404, { errors: [{ code: 7003, message: "Could not route to the path" }] });
    }
    if (request.headers.authorization !== `Bearer ${token}`) {
      return reply(401, { errors: [{ code: 10000, message: "Authentication error" }] });
    }
    queries.push(query);
    try {
      reply(200, evaluate(query, dataset, points));
    } catch (error) {
      reply(400, { errors: [{ code: 1000, message: String(error) }] });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    accountId,
    token,
    dataset,
    points,
    queries,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function evaluate(query: string, dataset: string, points: StoredPoint[]) {
  const form =
    /^SELECT blob(\d+) AS grp,\s+SUM\(_sample_interval\) AS requests,\s+sumIf\(_sample_interval, double1 >= 400\) AS errors,\s+SUM\(_sample_interval \* double2\) AS prompt_tokens,\s+SUM\(_sample_interval \* double3\) AS completion_tokens,\s+SUM\(_sample_interval \* double4\) AS thinking_tokens,\s+SUM\(_sample_interval \* double5\) \/ SUM\(_sample_interval\) AS avg_latency_ms\s+FROM (\w+)\s+WHERE timestamp > NOW\(\) - INTERVAL '(\d+)' HOUR\s+GROUP BY grp\s+ORDER BY requests DESC\s+LIMIT (\d+)\s+FORMAT JSON$/.exec(
      query.trim(),
    );
  if (!form) throw new Error("unsupported query form");
  const [, blob, from, hours, limit] = form;
  if (from !== dataset) throw new Error(`unknown dataset ${from}`);
  const since = Date.now() - Number(hours) * 3_600_000;
  const groups = new Map<string, number[]>();
  for (const point of points) {
    if (point.timestamp <= since) continue;
    const group = point.blobs[Number(blob) - 1] ?? "";
    const weight = point.sampleInterval ?? 1;
    const sums = groups.get(group) ?? [0, 0, 0, 0, 0, 0];
    const double = (index: number) => point.doubles[index - 1] ?? 0;
    sums[0] = (sums[0] ?? 0) + weight;
    sums[1] = (sums[1] ?? 0) + (double(1) >= 400 ? weight : 0);
    for (const column of [2, 3, 4, 5]) sums[column] = (sums[column] ?? 0) + weight * double(column);
    groups.set(group, sums);
  }
  const data = [...groups]
    .map(([grp, sums]) => ({
      grp,
      requests: String(sums[0]),
      errors: String(sums[1]),
      prompt_tokens: sums[2],
      completion_tokens: sums[3],
      thinking_tokens: sums[4],
      avg_latency_ms: (sums[5] ?? 0) / (sums[0] ?? 1),
    }))
    .sort((a, b) => Number(b.requests) - Number(a.requests))
    .slice(0, Number(limit));
  return { meta: [], data, rows: data.length, rows_before_limit_at_least: data.length };
}
