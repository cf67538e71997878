import { existsSync } from "node:fs";

/** Debian's chromium (installed by .ci/run when missing), or CHROMIUM_PATH. */
export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"];
  const found = candidates.find(
    (path): path is string => Boolean(path) && existsSync(path as string),
  );
  if (!found) {
    throw new Error(
      "No chromium found: install Debian's chromium package (.ci/run does) or set CHROMIUM_PATH.",
    );
  }
  return found;
}
