import type { CloudflareAccount } from "./cloudflare/api.ts";
import { listWorkers } from "./cloudflare/workers.ts";
import { UserError } from "./user-error.ts";
import { isWorkerNotFound, runWrangler, wranglerFailure } from "./wrangler.ts";

/**
 * The names of a worker's secrets, as Cloudflare has them, or null when the worker definitely
 * does not exist (wrangler's not-found, code 10007). Any other failure — a refused token, a 500,
 * no network — and any output that is not a JSON list on stdout stops the run: a guess here would
 * leave stale keys behind or report a live worker as gone.
 */
export async function secretNames(worker: string): Promise<string[] | null> {
  const result = await runWrangler(["secret", "list", "--name", worker, "--format", "json"]);
  if (result.code !== 0) {
    if (isWorkerNotFound(result.output)) return null;
    throw new UserError(
      `${worker}: could not read its secrets (wrangler secret list failed):\n${wranglerFailure(result.output)}`,
    );
  }
  return parseSecretList(worker, result.stdout);
}

/** `wrangler secret list --format json`'s stdout: a JSON list of `{ name }`, nothing else. */
export function parseSecretList(worker: string, stdout: string): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(stdout);
  } catch {
    parsed = undefined;
  }
  if (
    !Array.isArray(parsed) ||
    !parsed.every((entry) => typeof (entry as { name?: unknown })?.name === "string")
  ) {
    const shown = stdout.trim().slice(0, 200) || "(nothing)";
    throw new UserError(
      `${worker}: wrangler secret list printed something other than a JSON list of secrets on stdout: ${shown}`,
    );
  }
  return parsed.map((entry: { name: string }) => entry.name);
}

/**
 * Which `<prefix>-<n>` workers exist, by index, from the account's list of Workers — every one,
 * however many gaps lie between them. Read from Cloudflare each time, never from a file.
 */
export async function deployedIndices(
  account: CloudflareAccount,
  prefix: string,
): Promise<number[]> {
  const pattern = new RegExp(`^${prefix}-(\\d+)$`);
  return (await listWorkers(account))
    .map((name) => pattern.exec(name)?.[1])
    .filter((index): index is string => index !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
}
