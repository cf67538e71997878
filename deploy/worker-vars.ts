/**
 * The plain (non-secret) settings of the workers, as the README's configuration table documents
 * them: one row per variable, naming the worker(s) that read it and whether a deploy forwards it.
 * `npm start` forwards every row from the environment or `.dev.vars`; a deploy forwards the
 * deployed rows from its own environment — in CI, the GitHub repository variables — because every
 * deploy replaces a worker's vars with the config's. An unset or empty one is left out. A new
 * setting is a new row here (and in the README's table, which a test compares with this one).
 */
export type WorkerKind = "backend" | "orchestrator";

export interface WorkerSetting {
  name: string;
  workers: readonly WorkerKind[];
  /** Whether deploys forward it too (false: meant for local testing only). */
  deployed: boolean;
}

export const WORKER_SETTINGS: readonly WorkerSetting[] = [
  { name: "GEMINI_BASE_URL", workers: ["backend"], deployed: true },
  { name: "DEFAULT_MODEL", workers: ["backend"], deployed: true },
  { name: "DEFAULT_EMBEDDING_MODEL", workers: ["backend"], deployed: true },
  { name: "DEFAULT_IMAGE_MODEL", workers: ["backend"], deployed: true },
  { name: "DEFAULT_TTS_MODEL", workers: ["backend"], deployed: true },
  { name: "DEFAULT_TRANSCRIPTION_MODEL", workers: ["backend"], deployed: true },
  { name: "UPSTREAM_TIMEOUT_S", workers: ["backend"], deployed: true },
  { name: "STREAM_KEEPALIVE_S", workers: ["backend"], deployed: true },
  { name: "CORS_ORIGINS", workers: ["backend", "orchestrator"], deployed: true },
  { name: "BACKEND_TIMEOUT_S", workers: ["orchestrator"], deployed: true },
  { name: "ANTHROPIC_MODEL_MAP", workers: ["backend"], deployed: true },
  { name: "IMAGE_FETCH_ALLOW_LOOPBACK", workers: ["backend"], deployed: false },
  { name: "REVOKED_TOKENS", workers: ["backend", "orchestrator"], deployed: true },
  { name: "RATE_LIMITS", workers: ["orchestrator"], deployed: true },
  { name: "USAGE_DATASET", workers: ["orchestrator"], deployed: true },
];

/** The settings a worker reads; `deployedOnly` keeps those a deploy forwards. */
export function settingNames(worker: WorkerKind, deployedOnly = false): string[] {
  return WORKER_SETTINGS.filter(
    (setting) => setting.workers.includes(worker) && (setting.deployed || !deployedOnly),
  ).map((setting) => setting.name);
}

export const BACKEND_VAR_NAMES: readonly string[] = settingNames("backend", true);
export const ORCHESTRATOR_VAR_NAMES: readonly string[] = settingNames("orchestrator", true);

/**
 * The entry worker (the orchestrator, or a preview's lone backend) enforces per-token rate
 * limits: it alone gets RATE_LIMITS and their bindings, so each request is counted once.
 */
export const ENTRY_VAR_NAMES = ["RATE_LIMITS"] as const;

export function pickVars(
  env: Record<string, string | undefined>,
  names: readonly string[],
): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const name of names) {
    const value = env[name]?.trim();
    if (value) vars[name] = value;
  }
  return vars;
}
