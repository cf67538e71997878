import { deleteWorker, deployWorker, OUT_DIR } from "../deploy-worker.ts";
import { type DeployOptions, readSecrets, secretValues } from "../options.ts";
import { backendSecrets, DEFAULT_PREFIX, planShards } from "../plan.ts";
import { createProgress } from "../progress.ts";
import { countDeployedFrom } from "../state.ts";
import { UserError } from "../user-error.ts";
import { BACKEND_VAR_NAMES, ORCHESTRATOR_VAR_NAMES, pickVars } from "../worker-vars.ts";
import { ROOT } from "../wrangler.ts";
import { backendConfig, orchestratorConfig } from "../wrangler-config.ts";

/**
 * Deploys every backend of the plan, then the orchestrator bound to exactly those backends, then
 * deletes backends beyond the new count — only once the orchestrator that no longer binds them is
 * live. A failure stops everything at once: the orchestrator is never deployed with a binding to
 * a backend that failed.
 */
export async function production(options: DeployOptions) {
  const { keys, pass, warnings } = readSecrets(process.env);
  for (const warning of warnings) console.log(`warning: ${warning}`);
  const allSecrets = secretValues(keys, pass);
  const plan = planShards(keys, { keysPerWorker: options.keysPerWorker });
  const previousCount = options.dryRun
    ? plan.backends.length
    : await countDeployedFrom(DEFAULT_PREFIX, plan.backends.length);
  const orphans = previousCount - plan.backends.length;
  const progress = createProgress(plan.backends.length + 1 + orphans);
  const verb = options.dryRun ? "bundled (dry run)" : "deployed";
  console.log(
    `Deploying ${keys.length} keys to ${plan.backends.length} backend(s), then ${plan.orchestratorName}` +
      (orphans > 0 ? `, then deleting ${orphans} backend(s) no longer needed.` : "."),
  );

  for (const backend of plan.backends) {
    await progress
      .run(
        backend.name,
        () =>
          deployWorker({
            config: backendConfig(backend.name, {
              main: `${ROOT}/src/index.ts`,
              vars: pickVars(process.env, BACKEND_VAR_NAMES),
              smartPlacement: options.smartPlacement,
              // Reached only through the orchestrator's service bindings: no public URL.
              public: false,
            }),
            secrets: backendSecrets(backend, pass),
            dryRun: options.dryRun,
            allSecrets,
          }),
        (result) =>
          `${backend.keys.length} keys` +
          (result.removedSecrets.length > 0
            ? `, removed stale ${result.removedSecrets.join(", ")}`
            : "") +
          `, ${verb}`,
      )
      .catch((error: unknown) => {
        throw new UserError(
          `${error instanceof Error ? error.message : String(error)}\n${backend.name} failed; ${plan.orchestratorName} was not touched.`,
        );
      });
  }

  await progress.run(
    plan.orchestratorName,
    () =>
      deployWorker({
        // orchestrator/wrangler.toml sits next to orchestrator/src/index.ts.
        config: orchestratorConfig(plan, {
          main: OUT_DIR === ROOT ? "src/index.ts" : `${ROOT}/orchestrator/src/index.ts`,
          vars: pickVars(process.env, ORCHESTRATOR_VAR_NAMES),
        }),
        configPath: `${OUT_DIR}/orchestrator/wrangler.toml`,
        secrets: { PASS: pass },
        dryRun: options.dryRun,
        allSecrets,
      }),
    () => `${plan.backends.length} bindings, ${verb}`,
  );

  for (let index = plan.backends.length; index < previousCount; index++) {
    const name = `${DEFAULT_PREFIX}-${index}`;
    await progress.run(
      name,
      () => deleteWorker(name, allSecrets),
      () => "no longer needed, deleted",
    );
  }
}
