import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * Hands `use` the path of a JSON file holding `secrets`, created mode 0600 in a fresh private
 * temp dir and removed afterwards whatever happens. Secrets never go on a command line.
 */
export async function withSecretsFile<T>(
  secrets: Record<string, string>,
  use: (path: string) => Promise<T>,
): Promise<T> {
  const directory = await mkdtemp(join(tmpdir(), "zen-secrets-"));
  const path = join(directory, "secrets.json");
  try {
    await writeFile(path, JSON.stringify(secrets), { mode: 0o600 });
    return await use(path);
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}
