import { chmodSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { backendSecrets, type DeployPlan } from "../deploy/plan.ts";
import { ROOT } from "../deploy/wrangler.ts";
import { backendConfig, orchestratorConfig, toToml } from "../deploy/wrangler-config.ts";

export const LOCAL_DIR = `${ROOT}/.local/dev`;

interface LocalSettings {
  pass: string | undefined;
  upstream: string | undefined;
  defaultModel: string | undefined;
}

/**
 * Writes one wrangler config per worker of the plan into the git-ignored `.local/dev/`, each in
 * its own folder so its secrets sit beside it in a `.dev.vars` (mode 0600), never in the TOML.
 * Returns the config paths, orchestrator first (it gets the port).
 */
export function writeLocalConfigs(plan: DeployPlan, settings: LocalSettings): string[] {
  rmSync(LOCAL_DIR, { recursive: true, force: true });
  const vars: Record<string, string> = {};
  if (settings.upstream) vars.GEMINI_BASE_URL = settings.upstream;
  if (settings.defaultModel) vars.DEFAULT_MODEL = settings.defaultModel;
  const paths: string[] = [];
  const write = (folder: string, toml: string, secrets: Record<string, string>) => {
    const directory = `${LOCAL_DIR}/${folder}`;
    mkdirSync(directory, { recursive: true });
    writeFileSync(`${directory}/wrangler.toml`, toml);
    const devVars = Object.entries(secrets)
      .map(([name, value]) => `${name}=${JSON.stringify(value)}`)
      .join("\n");
    writeFileSync(`${directory}/.dev.vars`, `${devVars}\n`, { mode: 0o600 });
    chmodSync(`${directory}/.dev.vars`, 0o600);
    paths.push(`${directory}/wrangler.toml`);
  };
  write(
    "orchestrator",
    toToml(orchestratorConfig(plan, { main: `${ROOT}/orchestrator/src/index.ts` })),
    settings.pass ? { PASS: settings.pass } : {},
  );
  for (const backend of plan.backends) {
    write(
      backend.name,
      toToml(backendConfig(backend.name, { main: `${ROOT}/src/index.ts`, vars })),
      backendSecrets(backend, settings.pass),
    );
  }
  return paths;
}
