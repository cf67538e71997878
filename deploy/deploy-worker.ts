import { mkdirSync, writeFileSync } from "node:fs";
import { withSecretsFile } from "./secrets-file.ts";
import { secretNames } from "./state.ts";
import { UserError } from "./user-error.ts";
import { ROOT, runWrangler } from "./wrangler.ts";
import { toToml, type WranglerConfig } from "./wrangler-config.ts";

/** Where generated files go: the repository, or elsewhere for tests (`ZEN_DEPLOY_OUT_DIR`). */
export const OUT_DIR = process.env.ZEN_DEPLOY_OUT_DIR || ROOT;
export const DEPLOY_DIR = `${OUT_DIR}/.local/deploy`;

export interface WorkerDeployment {
  config: WranglerConfig;
  /** Where to write the config; by default `.local/deploy/<name>/wrangler.toml`. */
  configPath?: string;
  /** Uploaded as Worker secrets, never as vars. */
  secrets: Record<string, string>;
  dryRun: boolean;
  /** Every secret value in play, so no output can show one. */
  allSecrets: readonly string[];
}

export interface DeployedWorker {
  url: string | null;
  removedSecrets: string[];
}

/**
 * Deploys one worker from its generated config with its secrets (`--secrets-file`, a 0600 temp
 * file), after removing the `KEY<n>` secrets it held before but no longer gets (secrets uploaded
 * with a deploy add to the old ones, they do not replace them). A dry run only bundles and checks
 * the worker, touching nothing on Cloudflare.
 */
export async function deployWorker(deployment: WorkerDeployment): Promise<DeployedWorker> {
  const { config, dryRun, allSecrets } = deployment;
  const configPath = deployment.configPath ?? `${DEPLOY_DIR}/${config.name}/wrangler.toml`;
  mkdirSync(configPath.replace(/\/[^/]+$/, ""), { recursive: true });
  writeFileSync(configPath, toToml(config));
  const fail = (what: string, output: string) =>
    new UserError(
      `${config.name}: ${what} failed:\n${output.trim().split("\n").slice(-15).join("\n")}`,
    );

  const deployArgs = ["deploy", "--config", configPath];
  if (dryRun) {
    // Bundles and checks the worker; uploads nothing, secrets included, and needs no network.
    deployArgs.push("--dry-run", "--outdir", `${DEPLOY_DIR}/${config.name}/dist`);
    const bundled = await runWrangler(deployArgs, allSecrets);
    if (bundled.code !== 0) throw fail("wrangler deploy --dry-run", bundled.output);
    return { url: null, removedSecrets: [] };
  }
  // Secrets uploaded with a deploy add to the old ones, so first remove the KEY<n> this worker no
  // longer holds; doing it before the upload also keeps it under Cloudflare's cap on bindings.
  const stale = ((await secretNames(config.name)) ?? []).filter(
    (name) => /^KEY\d+$/.test(name) && !(name in deployment.secrets),
  );
  for (const name of stale) {
    const removed = await runWrangler(
      ["secret", "delete", name, "--name", config.name],
      allSecrets,
    );
    if (removed.code !== 0) throw fail(`removing the stale secret ${name}`, removed.output);
  }
  // The secrets go up with the deployment itself, so a new worker never runs without its keys.
  const deployed = await withSecretsFile(deployment.secrets, (file) =>
    runWrangler([...deployArgs, "--secrets-file", file], allSecrets),
  );
  if (deployed.code !== 0) throw fail("wrangler deploy", deployed.output);
  const url = /https:\/\/[\w.-]+\.workers\.dev/.exec(deployed.output)?.[0] ?? null;
  return { url, removedSecrets: stale };
}

/** Deletes a worker; true when it was there, false when it was already gone. */
export async function deleteWorker(name: string, allSecrets: readonly string[]): Promise<boolean> {
  if ((await secretNames(name)) === null) return false;
  const result = await runWrangler(["delete", "--name", name, "--force"], allSecrets);
  if (result.code !== 0) {
    if (/not found|does not exist|10007/i.test(result.output)) return false;
    throw new UserError(`${name}: wrangler delete failed:\n${result.output.trim()}`);
  }
  return true;
}
