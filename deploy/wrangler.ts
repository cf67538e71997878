import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { onInterrupt } from "./interrupt.ts";
import { redact } from "./redact.ts";

/** The repository root, whatever the current directory. */
export const ROOT = fileURLToPath(new URL("..", import.meta.url)).replace(/\/$/, "");

/** The project's pinned wrangler; `WRANGLER_BIN` replaces it (tests use a recording fake). */
export const wranglerBin = () => process.env.WRANGLER_BIN || `${ROOT}/node_modules/.bin/wrangler`;

export interface WranglerResult {
  code: number;
  /** stdout alone (machine-readable output such as `--format json` is read from here). */
  stdout: string;
  /** stdout and stderr, with every secret redacted. */
  output: string;
}

/**
 * wrangler's environment: ours without any `KEY*` or `PASS` (secrets reach it only in files),
 * never asking questions, sending no metrics, and with log sanitizing forced on.
 */
export function wranglerEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const clean: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(env)) {
    if (!/^KEY/i.test(name) && name.toUpperCase() !== "PASS") clean[name] = value;
  }
  return {
    ...clean,
    WRANGLER_SEND_METRICS: "false",
    WRANGLER_LOG_SANITIZE: "true",
    CI: env.CI || "true",
  };
}

/**
 * Runs wrangler with arguments that never contain a secret (secrets travel in files). Its output
 * is captured and redacted of `secrets` before anyone sees it; an interrupt stops it too.
 */
export function runWrangler(
  args: string[],
  secrets: readonly string[] = [],
): Promise<WranglerResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(wranglerBin(), args, {
      cwd: ROOT,
      env: wranglerEnv(process.env),
      stdio: ["pipe", "pipe", "pipe"],
    });
    const forget = onInterrupt(() => child.kill("SIGTERM"));
    let stdout = "";
    let output = "";
    child.stdout.on("data", (data) => {
      stdout += data;
      output += data;
    });
    child.stderr.on("data", (data) => {
      output += data;
    });
    // `secret delete` asks for confirmation.
    child.stdin.end("y\n");
    child.on("error", (error) => {
      forget();
      reject(error);
    });
    child.on("close", (code) => {
      forget();
      resolve({
        code: code ?? 1,
        stdout: redact(stdout, secrets),
        output: redact(output, secrets),
      });
    });
  });
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI colour codes are control characters.
const ANSI = /\u001b\[[0-9;]*m/g;

/**
 * wrangler's definite "this Worker does not exist": its own message for a missing Worker or
 * Cloudflare's error 10007. Nothing else (a refused token, a 500, no network) means absent.
 */
export function isWorkerNotFound(output: string): boolean {
  const text = output.replace(ANSI, "");
  return /\[code: 10007\]|^.*Worker "[^"]+" not found\.$/m.test(text);
}

/** The part of wrangler's output that says what went wrong: its error lines, no colour codes. */
export function wranglerFailure(output: string): string {
  const lines = output
    .replace(ANSI, "")
    .split("\n")
    .map((line) => line.trimEnd())
    .filter(
      (line) =>
        line.trim() && !/Logs were written to|please open an issue|create an issue/.test(line),
    );
  const first = lines.findIndex((line) => /✘|\[ERROR\]/.test(line));
  return (first === -1 ? lines.slice(-15) : lines.slice(first, first + 15)).join("\n");
}
