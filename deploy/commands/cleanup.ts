import { cloudflareAccount } from "../cloudflare/api.ts";
import { deleteWorker } from "../delete-worker.ts";
import type { DeployOptions } from "../options.ts";
import { UserError } from "../user-error.ts";
import { previewName } from "./preview.ts";

/**
 * Deletes a pull request's preview worker and confirms it is gone. "Already gone" only when
 * Cloudflare says so definitely; any other failure exits non-zero.
 */
export async function cleanup(options: DeployOptions) {
  if (options.pr === null) throw new UserError("cleanup needs --pr <number>.");
  const account = cloudflareAccount(process.env);
  const name = previewName(options.pr);
  const outcome = await deleteWorker(name, { account, allSecrets: [] });
  console.log(
    outcome === "deleted" ? `${name}: deleted.` : `${name}: already gone, nothing to do.`,
  );
}
