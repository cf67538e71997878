import { cloudflareAccount } from "../cloudflare/api.ts";
import { deployWorker } from "../deploy-worker.ts";
import { checkBindings, type DeployOptions, readSecrets, secretValues } from "../options.ts";
import { backendKeyNames, backendSecrets } from "../plan.ts";
import { createProgress } from "../progress.ts";
import { UserError } from "../user-error.ts";
import { BACKEND_VAR_NAMES, ENTRY_VAR_NAMES, pickVars } from "../worker-vars.ts";
import { ROOT } from "../wrangler.ts";
import { backendConfig, placementFor, usageDatasetFrom } from "../wrangler-config.ts";

export const PREVIEW_PREFIX = "zen-ai-router-worker-preview-";
export const previewName = (pr: number) => `${PREVIEW_PREFIX}${pr}`;

/**
 * One backend holding all keys — as many as fit under Cloudflare's cap on vars + secrets per
 * Worker — and no orchestrator. Prints its URL.
 */
export async function preview(options: DeployOptions) {
  if (options.pr === null) throw new UserError("preview needs --pr <number>.");
  const { keys, pass, tokenSecret, warnings } = readSecrets(process.env);
  for (const warning of warnings) console.log(`warning: ${warning}`);
  const name = previewName(options.pr);
  const vars = pickVars(process.env, [...BACKEND_VAR_NAMES, ...ENTRY_VAR_NAMES]);
  // KEY_NAMES is one more var; TOKEN_SECRET one more secret beside PASS.
  const others = Object.keys(vars).length + 1 + (tokenSecret ? 1 : 0);
  checkBindings(options, others, 1, name);
  if (!options.dryRun) cloudflareAccount(process.env);
  const room = options.maxBindings - 1 - others; // PASS, TOKEN_SECRET and the vars come first

  const fitting = keys.slice(0, room);
  if (fitting.length < keys.length) {
    console.log(
      `warning: ${keys.length} keys do not fit one Worker (at most ${options.maxBindings} vars and secrets; ` +
        `pass --max-bindings 128 on a paid plan): the preview gets the first ${fitting.length}.`,
    );
  }
  // The lone backend is the entry: it enforces the per-token rate limits itself.
  const config = backendConfig(name, {
    main: `${ROOT}/src/index.ts`,
    vars: { ...vars, KEY_NAMES: backendKeyNames(fitting) },
    placement: placementFor(options),
    entry: true,
    usageDataset: usageDatasetFrom(process.env),
    cpuMs: options.cpuMs,
  });
  const progress = createProgress(1);
  const result = await progress.run(
    name,
    () =>
      deployWorker({
        config,
        secrets: backendSecrets({ keys: fitting }, pass, tokenSecret),
        dryRun: options.dryRun,
        allSecrets: secretValues(keys, pass, tokenSecret),
        maxBindings: options.maxBindings,
      }),
    () => `${fitting.length} keys, ${options.dryRun ? "bundled (dry run)" : "deployed"}`,
  );
  if (!options.dryRun)
    console.log(`Preview URL: ${result.url ?? `https://${name}.<your-subdomain>.workers.dev`}`);
}
