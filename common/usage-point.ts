/**
 * One Workers Analytics Engine data point per answered request: who (token), what (surface,
 * model), through which key, how it went (status, tokens, latency). Written with the dataset
 * binding's `writeDataPoint`, which returns at once and sends nothing on the request's own
 * connections (it is no subrequest: https://developers.cloudflare.com/analytics/analytics-engine/limits/).
 *
 * The columns, as `npm run usage` and the status page query them with Analytics Engine's SQL API:
 * | column  | value                                   | column  | value              |
 * | index1  | token id, or `admin`                    | double1 | HTTP status        |
 * | blob1   | token label (`admin` for PASS, `-` none)| double2 | prompt tokens      |
 * | blob2   | token id (empty for PASS)               | double3 | completion tokens  |
 * | blob3   | surface (chat, responses, messages, …)  | double4 | thinking tokens    |
 * | blob4   | model asked                             | double5 | latency, ms        |
 * | blob5   | model that served it (modelVersion)     |         |                    |
 * | blob6   | key fingerprint (6 hex digits)          |         |                    |
 * | blob7   | the worker that wrote it                |         |                    |
 */
export interface UsageRecord {
  token: string;
  tokenId: string;
  surface: string;
  modelAsked: string;
  modelServed: string;
  keyFingerprint: string;
  worker: "backend" | "orchestrator";
  status: number;
  promptTokens: number;
  completionTokens: number;
  thinkingTokens: number;
  latencyMs: number;
}

/** The binding's one method (a test's fake dataset may return a promise; it is awaited in waitUntil). */
export interface UsageDataset {
  writeDataPoint(point: { indexes?: string[]; blobs?: string[]; doubles?: number[] }): unknown;
}

/** The binding the deploy tooling names `USAGE`; absent when usage is not recorded. */
export function usageDatasetOf(env: Record<string, unknown>): UsageDataset | null {
  const dataset = env.USAGE as UsageDataset | undefined;
  return typeof dataset?.writeDataPoint === "function" ? dataset : null;
}

/** Blobs are capped at 16 KB in total; the values here are short, but client text is cut anyway. */
const cut = (text: string) => text.slice(0, 256);

export function writeUsagePoint(
  dataset: UsageDataset,
  record: UsageRecord,
  waitUntil?: (promise: Promise<unknown>) => void,
): void {
  const result = dataset.writeDataPoint({
    indexes: [cut(record.tokenId || record.token)],
    blobs: [
      cut(record.token),
      cut(record.tokenId),
      record.surface,
      cut(record.modelAsked),
      cut(record.modelServed),
      record.keyFingerprint,
      record.worker,
    ],
    doubles: [
      record.status,
      record.promptTokens,
      record.completionTokens,
      record.thinkingTokens,
      record.latencyMs,
    ],
  });
  if (result instanceof Promise) waitUntil?.(result.catch(() => {}));
}

/** The gateway's own routes (liveness, the status page, backend internals) are not API usage. */
export function isApiRequest(path: string): boolean {
  return !(
    path === "/health" ||
    path === "/status" ||
    path === "/status.json" ||
    path.startsWith("/_internal/")
  );
}

/** Which API a request speaks, by its path, for usage data: the surfaces' own names. */
export function surfaceOf(path: string, geminiNative: boolean): string {
  if (geminiNative) return "gemini";
  const route = path.replace(/^\/v1beta\/openai|^\/v1/, "");
  if (route.startsWith("/chat/completions")) return "chat";
  if (route.startsWith("/responses")) return "responses";
  if (route.startsWith("/messages")) return "messages";
  if (route.startsWith("/embeddings")) return "embeddings";
  if (route.startsWith("/images")) return "images";
  if (route.startsWith("/audio")) return "audio";
  if (route.startsWith("/models")) return "models";
  return "other";
}
