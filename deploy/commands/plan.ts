import { cloudflareAccount } from "../cloudflare/api.ts";
import { workerDependents } from "../cloudflare/workers.ts";
import { describeDependents, foreignDependents } from "../delete-worker.ts";
import { shortHash } from "../fingerprint.ts";
import { type DeployOptions, readSecrets } from "../options.ts";
import { backendWeights, DEFAULT_PREFIX, planShards } from "../plan.ts";
import { deployedIndices, secretNames } from "../state.ts";

/**
 * What `production` would do, like a Terraform plan: `+` create, `~` update, `-` delete. Keys are
 * shown as their source variable and a short hash, never their value. `--offline` skips asking
 * Cloudflare what exists now (then every backend shows as create-or-update). Anything Cloudflare
 * does not answer clearly stops the plan with the cause, rather than showing a guess.
 */
export async function plan(options: DeployOptions) {
  const { keys, warnings } = readSecrets(process.env, { needsPass: false });
  for (const warning of warnings) console.log(`warning: ${warning}`);
  const deployPlan = planShards(keys, { keysPerWorker: options.keysPerWorker });
  const account = options.offline ? null : cloudflareAccount(process.env);
  const found = account ? new Set(await deployedIndices(account, DEFAULT_PREFIX)) : null;
  console.log(
    `${keys.length} keys → ${deployPlan.backends.length} backend(s) of at most ${deployPlan.keysPerWorker} keys` +
      (found === null ? " (offline: current state not checked)" : `; ${found.size} deployed now`),
  );
  if (found !== null) {
    const names = [...found].map((index) => `${DEFAULT_PREFIX}-${index}`);
    console.log(`  found on Cloudflare: ${names.length > 0 ? names.join(", ") : "none"}`);
  }
  for (const backend of deployPlan.backends) {
    const exists = found?.has(backend.index) ?? false;
    const mark = found === null ? "±" : exists ? "~" : "+";
    let note = "";
    if (exists) {
      const held = ((await secretNames(backend.name)) ?? []).filter((name) =>
        /^KEY\d+$/.test(name),
      );
      const stale = held.filter((name) => Number(name.slice(3)) > backend.keys.length);
      if (stale.length > 0) note = ` (removes stale ${stale.join(", ")})`;
    }
    console.log(`  ${mark} ${backend.name}: ${backend.keys.length} keys${note}`);
    backend.keys.forEach((key, position) => {
      console.log(`      KEY${position + 1} ← ${key.sourceName} (${shortHash(key.value)})`);
    });
  }
  for (const index of found ?? []) {
    if (index < deployPlan.backends.length || !account) continue;
    const name = `${DEFAULT_PREFIX}-${index}`;
    const foreign = foreignDependents(
      (await workerDependents(account, name)) ?? [],
      deployPlan.orchestratorName,
    );
    console.log(
      foreign.length === 0
        ? `  - ${name}: deleted after the orchestrator no longer binds it`
        : `  ! ${name}: not needed, but ${describeDependents(foreign)} still depend(s) on it; production will refuse to delete it`,
    );
  }
  console.log(`  ~ ${deployPlan.orchestratorName}: bindings and weights`);
  for (const [binding, weight] of Object.entries(backendWeights(deployPlan))) {
    const backend = deployPlan.backends.find((candidate) => candidate.binding === binding);
    console.log(`      ${binding} → ${backend?.name} (weight ${weight})`);
  }
}
