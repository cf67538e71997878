import {
  type BackendStatus,
  INTERNAL_STATUS_URL,
  type KeyStatusEntry,
  type ModelStatusEntry,
} from "../../common/backend-protocol.ts";
import type { BackendEntry } from "./backends.ts";

export interface StatusReport {
  backends: {
    index: number;
    reachable: boolean;
    /** Why a backend is unreachable (its status code or the failure), when it is. */
    error?: string;
    keys: KeyStatusEntry[];
  }[];
  totals: {
    backends: number;
    reachable: number;
    keys: number;
  } & Record<KeyStatusEntry["state"], number>;
  /**
   * Models the backends saw answer for another id or in a lifecycle stage, merged across backends
   * (one row per asked/served pair, counts added, the latest sighting's details), most recent first.
   */
  models: ModelStatusEntry[];
  /** When this report was made (ISO 8601). */
  generatedAt: string;
}

const BACKEND_STATUS_TIMEOUT_MS = 20_000;

/**
 * `GET /status.json[?probe=1]`: asks every backend, in parallel, for its keys' states (each
 * backend answers from its own isolate's memory; `probe=1` has each check its keys live first)
 * and adds them up. The client's credentials go along: each backend checks PASS itself. No key
 * material travels: index, short fingerprint and the name the user gave the key (KEY_NAMES) only.
 */
export async function statusReport(
  request: Request,
  backends: readonly BackendEntry[],
  probe: boolean,
): Promise<StatusReport> {
  const headers = new Headers();
  for (const name of ["authorization", "x-api-key", "x-goog-api-key"]) {
    const value = request.headers.get(name);
    if (value) headers.set(name, value);
  }
  const url = probe ? `${INTERNAL_STATUS_URL}?probe=1` : INTERNAL_STATUS_URL;
  const reports = await Promise.all(
    backends.map(
      async (
        entry,
      ): Promise<StatusReport["backends"][number] & { models?: ModelStatusEntry[] }> => {
        try {
          const response = await entry.backend.fetch(
            new Request(url, { headers, signal: AbortSignal.timeout(BACKEND_STATUS_TIMEOUT_MS) }),
          );
          if (!response.ok) {
            await response.body?.cancel();
            return {
              index: entry.index,
              reachable: false,
              error: `answered ${response.status}`,
              keys: [],
            };
          }
          const status = (await response.json()) as BackendStatus;
          return {
            index: entry.index,
            reachable: true,
            keys: status.keys,
            models: Array.isArray(status.models) ? status.models : [],
          };
        } catch (error) {
          const message = error instanceof Error ? error.name : "failed";
          return { index: entry.index, reachable: false, error: message, keys: [] };
        }
      },
    ),
  );
  const totals: StatusReport["totals"] = {
    backends: reports.length,
    reachable: 0,
    keys: 0,
    healthy: 0,
    parked: 0,
    invalid: 0,
    suspended: 0,
    unknown: 0,
  };
  for (const report of reports) {
    if (report.reachable) totals.reachable++;
    for (const key of report.keys) {
      totals.keys++;
      totals[key.state]++;
    }
  }
  return {
    backends: reports.map(({ models: _models, ...backend }) => backend),
    totals,
    models: mergeModels(reports.flatMap((report) => report.models ?? [])),
    generatedAt: new Date().toISOString(),
  };
}

function mergeModels(entries: readonly ModelStatusEntry[]): ModelStatusEntry[] {
  const merged = new Map<string, ModelStatusEntry>();
  for (const entry of entries) {
    const key = `${entry.asked}\n${entry.served ?? ""}`;
    const known = merged.get(key);
    if (!known) merged.set(key, { ...entry });
    else {
      const latest = entry.lastSeen > known.lastSeen ? entry : known;
      merged.set(key, { ...latest, count: known.count + entry.count });
    }
  }
  return [...merged.values()].sort((a, b) => b.lastSeen.localeCompare(a.lastSeen));
}

/** Whether every backend refused the credentials (so the client, not the backends, is wrong). */
export function allUnauthorized(report: StatusReport): boolean {
  return (
    report.backends.length > 0 &&
    report.backends.every((backend) => backend.error === "answered 401")
  );
}
