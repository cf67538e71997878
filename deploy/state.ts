import { runWrangler } from "./wrangler.ts";

/** Upper bound when probing for leftover backends: 100 keys at 1 per worker. */
const MAX_PROBE = 100;

/**
 * The names of a worker's secrets, as Cloudflare has them, or null when the worker does not
 * exist (`wrangler secret list` fails for a missing worker).
 */
export async function secretNames(worker: string): Promise<string[] | null> {
  const result = await runWrangler(["secret", "list", "--name", worker, "--format", "json"]);
  if (result.code !== 0) return null;
  const start = result.output.indexOf("[");
  try {
    const parsed = JSON.parse(result.output.slice(start)) as Array<{ name?: unknown }>;
    return parsed.map((entry) => String(entry.name));
  } catch {
    return [];
  }
}

/**
 * How many workers `<prefix>-0`, `<prefix>-1`, … exist from `from` on: probes upwards until the
 * first one that is missing. Found from Cloudflare itself, never from a file that can go stale.
 */
export async function countDeployedFrom(prefix: string, from: number): Promise<number> {
  let index = from;
  while (index < MAX_PROBE && (await secretNames(`${prefix}-${index}`)) !== null) index++;
  return index;
}
