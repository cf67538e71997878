import { mkdtempSync, rmSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { onInterrupt } from "./interrupt.ts";

/**
 * Hands `use` the path of a JSON file holding `secrets`, created mode 0600 in a fresh private
 * temp dir and removed afterwards whatever happens — an error, SIGINT or SIGTERM included.
 * Secrets never go on a command line.
 */
export async function withSecretsFile<T>(
  secrets: Record<string, string>,
  use: (path: string) => Promise<T>,
): Promise<T> {
  const directory = mkdtempSync(join(tmpdir(), "zen-secrets-"));
  const remove = () => rmSync(directory, { recursive: true, force: true });
  const forget = onInterrupt(remove);
  const path = join(directory, "secrets.json");
  try {
    await writeFile(path, JSON.stringify(secrets), { mode: 0o600 });
    return await use(path);
  } finally {
    remove();
    forget();
  }
}
