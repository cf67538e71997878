import type { CloudflareAccount } from "./cloudflare/api.ts";
import { type Dependent, listWorkers, workerDependents } from "./cloudflare/workers.ts";
import { UserError } from "./user-error.ts";
import { isWorkerNotFound, runWrangler, wranglerFailure } from "./wrangler.ts";

export interface DeleteOptions {
  account: CloudflareAccount;
  allSecrets: readonly string[];
  /** Our orchestrator: the only worker whose service binding may be deleted past. */
  owner?: string;
}

/** Dependents other than our own orchestrator's service binding. */
export const foreignDependents = (dependents: readonly Dependent[], owner?: string) =>
  dependents.filter(
    (dependent) => !(dependent.how === "service binding" && dependent.worker === owner),
  );

export const describeDependents = (dependents: readonly Dependent[]) =>
  dependents.map((dependent) => `${dependent.worker} (${dependent.how})`).join(", ");

/**
 * Deletes a worker and confirms it is gone: "absent" only when Cloudflare says definitely that it
 * does not exist (code 10007). A worker that anything but our orchestrator still depends on is not
 * deleted — wrangler would break that worker, and in CI it does so without asking — and a
 * deletion Cloudflare does not confirm is an error.
 */
export async function deleteWorker(
  name: string,
  { account, allSecrets, owner }: DeleteOptions,
): Promise<"deleted" | "absent"> {
  const dependents = await workerDependents(account, name);
  if (dependents === null) return "absent";
  const foreign = foreignDependents(dependents, owner);
  if (foreign.length > 0) {
    throw new UserError(
      `${name} was not deleted: ${describeDependents(foreign)} still depend${foreign.length === 1 ? "s" : ""} on it, ` +
        "and deleting it would break them (a previous installation's orchestrator, perhaps). " +
        `Remove that binding, or delete ${name} yourself if it is not needed, then run again.`,
    );
  }
  // No --force: our own check above is the one that decides.
  const result = await runWrangler(["delete", "--name", name], allSecrets);
  if (result.code !== 0 && !isWorkerNotFound(result.output)) {
    throw new UserError(`${name}: wrangler delete failed:\n${wranglerFailure(result.output)}`);
  }
  if ((await listWorkers(account)).includes(name)) {
    throw new UserError(
      `${name}: wrangler delete ended but Cloudflare still lists the worker; it is not confirmed gone.`,
    );
  }
  return result.code === 0 ? "deleted" : "absent";
}
