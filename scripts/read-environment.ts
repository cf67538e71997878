import { existsSync, readFileSync } from "node:fs";
import { parseEnv } from "node:util";
import { ROOT } from "../deploy/wrangler.ts";

/**
 * The settings a local command reads the way `npm start` and deploy do: `.dev.vars` (or
 * `--env-file`), overridden by the environment.
 */
export function readEnvironment(envFile?: string): Record<string, string | undefined> {
  const path = envFile ?? `${ROOT}/.dev.vars`;
  if (envFile && !existsSync(envFile)) throw new Error(`--env-file ${envFile} does not exist.`);
  const fileVars = existsSync(path)
    ? (parseEnv(readFileSync(path, "utf8")) as Record<string, string>)
    : {};
  return { ...fileVars, ...process.env };
}
