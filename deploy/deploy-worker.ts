import { mkdirSync, writeFileSync } from "node:fs";
import { withSecretsFile } from "./secrets-file.ts";
import { secretNames } from "./state.ts";
import { UserError } from "./user-error.ts";
import { ROOT, runWrangler, wranglerFailure } from "./wrangler.ts";
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
  /** Cloudflare's cap on vars + secrets per Worker, which the upload must respect. */
  maxBindings: number;
}

export interface DeployedWorker {
  url: string | null;
  removedSecrets: string[];
}

const isKey = (name: string) => /^KEY\d+$/.test(name);
const byNumber = (a: string, b: string) => Number(a.slice(3)) - Number(b.slice(3));

/**
 * Deploys one worker from its generated config with its secrets (`--secrets-file`, a 0600 temp
 * file), then removes the `KEY<n>` secrets it held before but no longer gets (secrets uploaded
 * with a deploy add to the old ones). Upload first: a failed upload leaves the previous keys in
 * place. Only when the old and new secrets together would exceed `maxBindings` are that many
 * stale ones removed beforehand. A dry run only bundles and checks the worker.
 */
export async function deployWorker(deployment: WorkerDeployment): Promise<DeployedWorker> {
  const { config, dryRun, allSecrets } = deployment;
  const configPath = deployment.configPath ?? `${DEPLOY_DIR}/${config.name}/wrangler.toml`;
  mkdirSync(configPath.replace(/\/[^/]+$/, ""), { recursive: true });
  writeFileSync(configPath, toToml(config));
  const fail = (what: string, output: string) =>
    new UserError(`${config.name}: ${what} failed:\n${wranglerFailure(output)}`);

  const deployArgs = ["deploy", "--config", configPath];
  if (dryRun) {
    // Bundles and checks the worker; uploads nothing, secrets included, and needs no network.
    deployArgs.push("--dry-run", "--outdir", `${DEPLOY_DIR}/${config.name}/dist`);
    const bundled = await runWrangler(deployArgs, allSecrets);
    if (bundled.code !== 0) throw fail("wrangler deploy --dry-run", bundled.output);
    return { url: null, removedSecrets: [] };
  }
  const held = (await secretNames(config.name)) ?? [];
  const stale = held.filter((name) => isKey(name) && !(name in deployment.secrets)).sort(byNumber);
  const afterUpload =
    new Set([...held, ...Object.keys(deployment.secrets)]).size +
    Object.keys(config.vars ?? {}).length;
  const tooMany = Math.max(0, afterUpload - deployment.maxBindings);
  const removeSecret = async (name: string, when: string) => {
    const removed = await runWrangler(
      ["secret", "delete", name, "--name", config.name],
      allSecrets,
    );
    if (removed.code !== 0) throw fail(`removing the stale secret ${name} ${when}`, removed.output);
  };
  // The highest-numbered stale keys go first, only as many as must make room under the cap.
  const before = stale.slice(stale.length - tooMany);
  for (const name of before) await removeSecret(name, "(to make room under the cap)");

  // The secrets go up with the deployment itself, so a new worker never runs without its keys.
  const deployed = await withSecretsFile(deployment.secrets, (file) =>
    runWrangler([...deployArgs, "--secrets-file", file], allSecrets),
  );
  if (deployed.code !== 0) throw fail("wrangler deploy", deployed.output);
  for (const name of stale.slice(0, stale.length - tooMany)) {
    await removeSecret(name, "after the new version was uploaded");
  }
  const url = /https:\/\/[\w.-]+\.workers\.dev/.exec(deployed.output)?.[0] ?? null;
  return { url, removedSecrets: stale };
}
