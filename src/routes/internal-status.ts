import type { Context, MiddlewareHandler } from "hono";
import { notFound } from "../../common/api-error.ts";
import {
  type BackendStatus,
  INTERNAL_HOST,
  type KeyStatusEntry,
} from "../../common/backend-protocol.ts";
import { fingerprint } from "../../common/key-fingerprint.ts";
import { FALLBACK_DEFAULT_MODEL } from "../env.ts";
import type { ApiKey } from "../gemini/api-key.ts";
import { parseModelName } from "../gemini/model-name.ts";
import { isolateModelSightings } from "../gemini/model-notice.ts";
import type { AppEnv } from "../http/app-env.ts";
import { discoverKeys } from "../pool/discover-keys.ts";
import { type HealthMemory, isolateHealthMemory, type Park } from "../pool/health-memory.ts";
import { checkKey, type KeyCheck } from "../pool/key-check.ts";
import { keyNames } from "../pool/key-names.ts";
import { poolFor } from "../pool/pool-from-env.ts";

/** Internal routes exist only for the service binding's host: anything else is a plain 404. */
export const internalOnly: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (new URL(c.req.url).hostname !== INTERNAL_HOST) {
    throw notFound(`Unknown route: ${c.req.method} ${c.req.path}`);
  }
  await next();
};

type ProbeResult = NonNullable<KeyStatusEntry["probe"]>;

/**
 * `GET /_internal/status[?probe=1]`, for the orchestrator's status page: each key of this worker
 * by index, fingerprint and the name the user gave it (KEY_NAMES) with what this isolate knows of it (healthy, parked and until when,
 * for which model, and why). With `probe=1` every key is first checked live with calls that spend
 * no generation quota (at most 8 keys × 2 calls, within the Workers subrequest limit), and the
 * results go into the pool's memory; and the models this isolate saw rerouted or deprecated
 * (`models`). Answered only to the orchestrator's service binding (a
 * public request never carries the internal host) and only with PASS (checked by the caller).
 */
export async function internalStatus(c: Context<AppEnv>) {
  const keys = discoverKeys(c.env);
  const probes = new Map<number, ProbeResult>();
  if (c.req.query("probe") === "1") {
    const pool = poolFor(c);
    const model = parseModelName(undefined, c.env.DEFAULT_MODEL || FALLBACK_DEFAULT_MODEL).model;
    await Promise.all(
      keys.map(async (key) => {
        let check: KeyCheck;
        try {
          check = await checkKey(pool.target, key, { model, countTokens: true });
        } catch (error) {
          // A 5xx or a broken connection says nothing about the key itself.
          const message = error instanceof Error ? error.message : String(error);
          probes.set(key.index, { status: "unreachable", message });
          return;
        }
        probes.set(key.index, { status: check.status, message: check.message });
        if (check.status === "ok") isolateHealthMemory.recordSuccess(key.value, model);
        else if (check.error) isolateHealthMemory.recordFailure(key.value, model, check.error);
      }),
    );
  }
  const names = keyNames(c.env);
  const status: BackendStatus = {
    keys: await Promise.all(
      keys.map((key) => describeKey(isolateHealthMemory, key, names, probes.get(key.index))),
    ),
    models: isolateModelSightings.list(),
  };
  return c.json(status);
}

async function describeKey(
  memory: HealthMemory,
  key: ApiKey,
  names: ReadonlyMap<string, string>,
  probe: ProbeResult | undefined,
): Promise<KeyStatusEntry> {
  const { seen, keyPark, modelParks } = memory.describe(key.value);
  const parks: { park: Park; model: string | null }[] = [
    ...(keyPark ? [{ park: keyPark, model: null }] : []),
    ...modelParks,
  ];
  const first = parks[0];
  const print = await fingerprint(key.value);
  const name = names.get(print);
  const entry: KeyStatusEntry = {
    index: key.index,
    fingerprint: print,
    ...(name && { name }),
    state: first ? stateOf(first.park) : seen ? "healthy" : "unknown",
    reason: first ? (first.park.problem ?? first.park.reason) : null,
    model: first?.model ?? null,
    until: first ? new Date(first.park.until).toISOString() : null,
  };
  if (parks.length > 1) {
    entry.parks = parks.map(({ park, model }) => ({
      reason: park.problem ?? park.reason,
      model,
      until: new Date(park.until).toISOString(),
    }));
  }
  if (probe) entry.probe = probe;
  return entry;
}

function stateOf(park: Park): KeyStatusEntry["state"] {
  if (park.problem === "invalid") return "invalid";
  if (park.problem === "suspended") return "suspended";
  return "parked";
}
