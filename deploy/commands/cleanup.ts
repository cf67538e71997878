import { deleteWorker } from "../deploy-worker.ts";
import type { DeployOptions } from "../options.ts";
import { UserError } from "../user-error.ts";
import { previewName } from "./preview.ts";

/** Deletes a pull request's preview worker; quietly succeeds when it is already gone. */
export async function cleanup(options: DeployOptions) {
  if (options.pr === null) throw new UserError("cleanup needs --pr <number>.");
  const name = previewName(options.pr);
  const deleted = await deleteWorker(name, []);
  console.log(deleted ? `${name}: deleted.` : `${name}: already gone, nothing to do.`);
}
