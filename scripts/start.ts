/**
 * `npm start`: the production topology on this machine — the orchestrator in front of every
 * backend of the sharding plan, all in one workerd process (through Miniflare, with real service
 * bindings). Keys, PASS and every documented setting come from the environment or `.dev.vars`;
 * with no keys the bundled Gemini emulator stands in for Gemini, so the whole thing answers
 * offline.
 */
import { existsSync, readFileSync } from "node:fs";
import { parseEnv } from "node:util";
import { collectKeys, type KeyEntry, planShards } from "../deploy/plan.ts";
import { ROOT } from "../deploy/wrangler.ts";
import { type Emulator, startEmulator } from "../emulator/server.ts";
import { localWorkers, startLocalTopology } from "./local-topology.ts";

const LOCAL_PASS = "sk-local-dev";
const EMULATOR_KEYS = ["emulator-key-1", "emulator-key-2", "emulator-key-3"];

const fileVars = existsSync(`${ROOT}/.dev.vars`)
  ? (parseEnv(readFileSync(`${ROOT}/.dev.vars`, "utf8")) as Record<string, string>)
  : {};
const env: Record<string, string | undefined> = { ...fileVars, ...process.env };
const port = Number(env.PORT ?? "8787");

const collected = collectKeys(env);
for (const warning of collected.warnings) console.warn(`warning: ${warning}`);
let keys: KeyEntry[] = collected.keys;
let upstream = env.GEMINI_BASE_URL;
let emulator: Emulator | undefined;
if (keys.length === 0) {
  emulator = await startEmulator({ keys: EMULATOR_KEYS, streamIntervalMs: 50 });
  keys = EMULATOR_KEYS.map((value, index) => ({ sourceName: `KEY${index + 1}`, value }));
  upstream = emulator.url;
}
const pass = env.PASS || (emulator ? LOCAL_PASS : undefined);

const plan = planShards(keys);
const tokenSecret = env.TOKEN_SECRET?.trim() || undefined;
const workers = localWorkers(plan, { env, pass, tokenSecret, upstream });

console.log(
  `zen-ai-router: starting ${plan.backends.length} backend(s) holding ${keys.length} key(s) behind ${plan.orchestratorName} on http://127.0.0.1:${port}`,
);
if (emulator) {
  console.log(
    `No KEY<n> configured: using the bundled Gemini emulator at ${emulator.url} (offline, deterministic answers).`,
  );
  console.log(
    `Try: curl http://127.0.0.1:${port}/v1/chat/completions -H "Authorization: Bearer ${LOCAL_PASS}" -H "Content-Type: application/json" -d '{"model":"gemini-3.8-flash","messages":[{"role":"user","content":"hello"}]}'`,
  );
} else {
  console.log(`Upstream: ${upstream ?? "https://generativelanguage.googleapis.com"}`);
}
if (!pass)
  console.warn(
    "warning: PASS is not set, so every request is refused until you set it (env or .dev.vars).",
  );
const settings = [...new Set(workers.flatMap((worker) => Object.keys(worker.vars)))];
console.log(`Settings: ${settings.sort().join(", ")}`);

const inspectorPort = env.INSPECTOR_PORT ? Number(env.INSPECTOR_PORT) : undefined;
const { url, miniflare } = await startLocalTopology(workers, port, process, {
  ...(inspectorPort !== undefined && { inspectorPort }),
});
console.log(`Ready on ${url.origin}`);

let stopping = false;
const shutdown = async () => {
  if (stopping) return;
  stopping = true;
  await miniflare.dispose().catch(() => {});
  await emulator?.close();
  process.exit(0);
};
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
