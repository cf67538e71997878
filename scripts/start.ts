/**
 * `npm start`: the production topology on this machine — the orchestrator in front of every
 * backend of the sharding plan, all in one workerd process (`wrangler dev` with several configs,
 * real service bindings). Keys and PASS come from the environment or `.dev.vars`; with no keys the
 * bundled Gemini emulator stands in for Gemini, so the whole thing answers offline.
 */
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { parseEnv } from "node:util";
import { collectKeys, type KeyEntry, planShards } from "../deploy/plan.ts";
import { ROOT, wranglerBin } from "../deploy/wrangler.ts";
import { type Emulator, startEmulator } from "../emulator/server.ts";
import { writeLocalConfigs } from "./local-configs.ts";

const LOCAL_PASS = "sk-local-dev";
const EMULATOR_KEYS = ["emulator-key-1", "emulator-key-2", "emulator-key-3"];

const fileVars = existsSync(`${ROOT}/.dev.vars`)
  ? (parseEnv(readFileSync(`${ROOT}/.dev.vars`, "utf8")) as Record<string, string>)
  : {};
const env: Record<string, string | undefined> = { ...fileVars, ...process.env };
const port = env.PORT ?? "8787";

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
const configPaths = writeLocalConfigs(plan, { pass, upstream, defaultModel: env.DEFAULT_MODEL });

console.log(
  `zen-ai-router: starting ${plan.backends.length} backend(s) holding ${keys.length} key(s) behind ${plan.orchestratorName} on http://127.0.0.1:${port}`,
);
if (emulator) {
  console.log(
    `No KEY<n> configured: using the bundled Gemini emulator at ${emulator.url} (offline, deterministic answers).`,
  );
  console.log(
    `Try: curl http://127.0.0.1:${port}/v1/chat/completions -H "Authorization: Bearer ${LOCAL_PASS}" -H "Content-Type: application/json" -d '{"model":"gemini-2.5-flash","messages":[{"role":"user","content":"hello"}]}'`,
  );
} else {
  console.log(`Upstream: ${upstream ?? "https://generativelanguage.googleapis.com"}`);
}
if (!pass)
  console.warn(
    "warning: PASS is not set, so every request is refused until you set it (env or .dev.vars).",
  );

const child = spawn(
  wranglerBin(),
  ["dev", ...configPaths.flatMap((path) => ["-c", path]), "--port", port, "--ip", "127.0.0.1"],
  { stdio: "inherit", env: { ...process.env, WRANGLER_SEND_METRICS: "false" } },
);

const shutdown = (signal: NodeJS.Signals) => child.kill(signal);
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
child.on("exit", async (code) => {
  await emulator?.close();
  process.exit(code ?? 0);
});
