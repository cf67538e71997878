import { fetchUsage, type UsageRow, usageQuery } from "../../common/usage-query.ts";

export interface UsageSummary {
  hours: number;
  byToken?: UsageRow[];
  byKey?: UsageRow[];
  /** Why the usage could not be read (the SQL API's answer), when it could not. */
  error?: string;
}

const DEFAULT_API_BASE_URL = "https://api.cloudflare.com/client/v4";
const USAGE_TIMEOUT_MS = 10_000;

/**
 * The last 24 hours of usage by token and by key, for the status page — when the orchestrator has
 * a read-only analytics token (`ANALYTICS_API_TOKEN`, "Account Analytics: Read") and
 * `CLOUDFLARE_ACCOUNT_ID`; null otherwise. Two subrequests to the SQL API, in parallel.
 */
export async function usageSummary(env: Record<string, unknown>): Promise<UsageSummary | null> {
  const token = typeof env.ANALYTICS_API_TOKEN === "string" ? env.ANALYTICS_API_TOKEN.trim() : "";
  const accountId =
    typeof env.CLOUDFLARE_ACCOUNT_ID === "string" ? env.CLOUDFLARE_ACCOUNT_ID.trim() : "";
  if (!token || !accountId) return null;
  const baseUrl = (
    typeof env.CLOUDFLARE_API_BASE_URL === "string" && env.CLOUDFLARE_API_BASE_URL
      ? env.CLOUDFLARE_API_BASE_URL
      : DEFAULT_API_BASE_URL
  ).replace(/\/+$/, "");
  const dataset =
    typeof env.USAGE_DATASET === "string" && env.USAGE_DATASET ? env.USAGE_DATASET : null;
  const hours = 24;
  try {
    const api = { baseUrl, accountId, token };
    const name = dataset ?? "zen_ai_router_usage";
    const signal = AbortSignal.timeout(USAGE_TIMEOUT_MS);
    const [byToken, byKey] = await Promise.all([
      fetchUsage(api, usageQuery(name, "token", hours), signal),
      fetchUsage(api, usageQuery(name, "key", hours), signal),
    ]);
    return { hours, byToken, byKey };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { hours, error: message.split(token).join("[redacted]").slice(0, 300) };
  }
}
