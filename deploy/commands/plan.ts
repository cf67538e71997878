import { shortHash } from "../fingerprint.ts";
import { type DeployOptions, readSecrets } from "../options.ts";
import { backendWeights, DEFAULT_PREFIX, planShards } from "../plan.ts";
import { countDeployedFrom, secretNames } from "../state.ts";

/**
 * What `production` would do, like a Terraform plan: `+` create, `~` update, `-` delete. Keys are
 * shown as their source variable and a short hash, never their value. `--offline` skips asking
 * Cloudflare what exists now (then every backend shows as create-or-update).
 */
export async function plan(options: DeployOptions) {
  const { keys, warnings } = readSecrets(process.env, { needsPass: false });
  for (const warning of warnings) console.log(`warning: ${warning}`);
  const deployPlan = planShards(keys, { keysPerWorker: options.keysPerWorker });
  const previousCount = options.offline ? null : await countDeployedFrom(DEFAULT_PREFIX, 0);
  console.log(
    `${keys.length} keys → ${deployPlan.backends.length} backend(s) of at most ${deployPlan.keysPerWorker} keys` +
      (previousCount === null
        ? " (offline: current state not checked)"
        : `; ${previousCount} deployed now`),
  );
  for (const backend of deployPlan.backends) {
    const exists = previousCount !== null && backend.index < previousCount;
    const mark = previousCount === null ? "±" : exists ? "~" : "+";
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
  for (let index = deployPlan.backends.length; index < (previousCount ?? 0); index++) {
    console.log(
      `  - ${DEFAULT_PREFIX}-${index}: deleted after the orchestrator no longer binds it`,
    );
  }
  console.log(`  ~ ${deployPlan.orchestratorName}: bindings and weights`);
  for (const [binding, weight] of Object.entries(backendWeights(deployPlan))) {
    const backend = deployPlan.backends.find((candidate) => candidate.binding === binding);
    console.log(`      ${binding} → ${backend?.name} (weight ${weight})`);
  }
}
