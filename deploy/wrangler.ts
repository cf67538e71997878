import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { redact } from "./redact.ts";

/** The repository root, whatever the current directory. */
export const ROOT = fileURLToPath(new URL("..", import.meta.url)).replace(/\/$/, "");

/** The project's pinned wrangler; `WRANGLER_BIN` replaces it (tests use a recording fake). */
export const wranglerBin = () => process.env.WRANGLER_BIN || `${ROOT}/node_modules/.bin/wrangler`;

export interface WranglerResult {
  code: number;
  /** stdout and stderr, with every secret redacted. */
  output: string;
}

/**
 * Runs wrangler with arguments that never contain a secret (secrets travel in files). Its output
 * is captured and redacted of `secrets` before anyone sees it.
 */
export function runWrangler(
  args: string[],
  secrets: readonly string[] = [],
): Promise<WranglerResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(wranglerBin(), args, {
      cwd: ROOT,
      env: { ...process.env, WRANGLER_SEND_METRICS: "false", CI: process.env.CI ?? "true" },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (data) => {
      output += data;
    });
    child.stderr.on("data", (data) => {
      output += data;
    });
    // `secret delete` asks for confirmation.
    child.stdin.end("y\n");
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? 1, output: redact(output, secrets) }));
  });
}
