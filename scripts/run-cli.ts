import { UserError } from "../deploy/user-error.ts";

/**
 * Runs a local command's `main` when the file is the one Node started: its arguments without the
 * `--` that package.json puts first (without it Node itself would take `--env-file` as its own
 * option); a user mistake (a UserError, or arguments parseArgs refused) exits 2 with its message
 * and `usage`, anything else shows its stack.
 */
export function runCli(
  moduleUrl: string,
  main: (argv: string[]) => Promise<number>,
  usage: string,
): void {
  if (moduleUrl !== `file://${process.argv[1]}`) return;
  const args = process.argv.slice(2);
  main(args[0] === "--" ? args.slice(1) : args).then(
    (code) => process.exit(code),
    (error: unknown) => {
      const code = (error as { code?: unknown }).code;
      if (
        error instanceof UserError ||
        (typeof code === "string" && code.startsWith("ERR_PARSE_ARGS"))
      ) {
        console.error(`error: ${(error as Error).message}\n${usage}`);
        process.exit(2);
      }
      throw error;
    },
  );
}
