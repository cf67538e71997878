import { cloudflareAccount } from "../cloudflare/api.ts";
import { deleteWorker } from "../delete-worker.ts";
import { deployWorker, OUT_DIR } from "../deploy-worker.ts";
import { checkBindings, type DeployOptions, readSecrets, secretValues } from "../options.ts";
import { backendKeyNames, backendSecrets, DEFAULT_PREFIX, planShards } from "../plan.ts";
import { createProgress } from "../progress.ts";
import { deployedIndices } from "../state.ts";
import { UserError } from "../user-error.ts";
import { BACKEND_VAR_NAMES, ORCHESTRATOR_VAR_NAMES, pickVars } from "../worker-vars.ts";
import { ROOT } from "../wrangler.ts";
import {
  backendConfig,
  orchestratorConfig,
  placementFor,
  usageDatasetFrom,
} from "../wrangler-config.ts";

/**
 * Deploys every backend of the plan, then the orchestrator bound to exactly those backends, then
 * deletes every other `zen-ai-router-worker-<n>` on the account — only once the orchestrator that
 * no longer binds them is live, and never one that another worker still depends on. A failure
 * stops everything at once: the orchestrator is never deployed with a binding to a backend that
 * failed. A backend that could not be deleted is reported and the run exits non-zero.
 */
export async function production(options: DeployOptions) {
  const { keys, pass, tokenSecret, warnings } = readSecrets(process.env);
  for (const warning of warnings) console.log(`warning: ${warning}`);
  const analyticsToken = process.env.ANALYTICS_API_TOKEN?.trim() ?? "";
  const allSecrets = [...secretValues(keys, pass, tokenSecret), analyticsToken].filter(Boolean);
  const usageDataset = usageDatasetFrom(process.env);
  const plan = planShards(keys, { keysPerWorker: options.keysPerWorker });
  const backendVars = pickVars(process.env, BACKEND_VAR_NAMES);
  const largest = plan.backends[0];
  // TOKEN_SECRET is one more secret beside PASS and the vars; KEY_NAMES one more var.
  const sharedCount = Object.keys(backendVars).length + 1 + (tokenSecret ? 1 : 0);
  if (largest) checkBindings(options, sharedCount, largest.keys.length, largest.name);
  const account = options.dryRun ? null : cloudflareAccount(process.env);
  const found = account ? await deployedIndices(account, DEFAULT_PREFIX) : [];
  const orphans = found.filter((index) => index >= plan.backends.length);
  if (account) {
    console.log(
      `Found on Cloudflare: ${found.length === 0 ? "no backends" : found.map((index) => `${DEFAULT_PREFIX}-${index}`).join(", ")}.`,
    );
  }
  const progress = createProgress(plan.backends.length + 1 + orphans.length);
  const verb = options.dryRun ? "bundled (dry run)" : "deployed";
  console.log(
    `Deploying ${keys.length} keys to ${plan.backends.length} backend(s), then ${plan.orchestratorName}` +
      (orphans.length > 0 ? `, then deleting ${orphans.length} backend(s) no longer needed.` : "."),
  );

  for (const backend of plan.backends) {
    await progress
      .run(
        backend.name,
        () =>
          deployWorker({
            config: backendConfig(backend.name, {
              main: `${ROOT}/src/index.ts`,
              vars: { ...backendVars, KEY_NAMES: backendKeyNames(backend.keys) },
              placement: placementFor(options),
              cpuMs: options.cpuMs,
              // Reached only through the orchestrator's service bindings: no public URL.
              public: false,
              usageDataset,
            }),
            secrets: backendSecrets(backend, pass, tokenSecret),
            dryRun: options.dryRun,
            allSecrets,
            maxBindings: options.maxBindings,
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
          vars: {
            ...pickVars(process.env, ORCHESTRATOR_VAR_NAMES),
            // The status page's usage: the account its read-only analytics token reads.
            ...(analyticsToken && account && { CLOUDFLARE_ACCOUNT_ID: account.accountId }),
          },
          usageDataset,
          cpuMs: options.cpuMs,
        }),
        configPath: `${OUT_DIR}/orchestrator/wrangler.toml`,
        secrets: {
          PASS: pass,
          ...(tokenSecret && { TOKEN_SECRET: tokenSecret }),
          ...(analyticsToken && { ANALYTICS_API_TOKEN: analyticsToken }),
        },
        dryRun: options.dryRun,
        allSecrets,
        maxBindings: options.maxBindings,
      }),
    () => `${plan.backends.length} bindings, ${verb}`,
  );

  const refused: string[] = [];
  for (const index of orphans) {
    const name = `${DEFAULT_PREFIX}-${index}`;
    if (!account) break;
    await progress
      .run(
        name,
        () => deleteWorker(name, { account, allSecrets, owner: plan.orchestratorName }),
        (outcome) =>
          outcome === "deleted" ? "no longer needed, deleted" : "no longer needed, already gone",
      )
      .catch((error: unknown) => {
        if (!(error instanceof UserError)) throw error;
        console.error(`error: ${error.message}`);
        refused.push(name);
      });
  }
  if (refused.length > 0) {
    throw new UserError(
      `the new backends and ${plan.orchestratorName} are live, but ${refused.join(", ")} could not be deleted (see above).`,
    );
  }
}
