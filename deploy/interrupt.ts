/**
 * What must happen even when the deploy is interrupted (Ctrl-C, a cancelled CI job's SIGTERM):
 * wrangler children are stopped and temporary secrets files removed, synchronously, before the
 * process exits with the signal's conventional code (130 for SIGINT, 143 for SIGTERM).
 */
const cleanups = new Set<() => void>();
const SIGNALS = { SIGINT: 2, SIGTERM: 15 } as const;
let installed = false;

function install() {
  installed = true;
  for (const [signal, number] of Object.entries(SIGNALS)) {
    process.on(signal, () => {
      for (const cleanup of [...cleanups].reverse()) {
        try {
          cleanup();
        } catch {
          // Keep going: every other cleanup must still run.
        }
      }
      cleanups.clear();
      process.stderr.write(
        `error: interrupted by ${signal}; temporary secrets removed. Nothing half-done is deleted: run the deploy again.\n`,
      );
      process.exit(128 + number);
    });
  }
}

/** Runs `cleanup` if the process is interrupted; call the returned function once it is done. */
export function onInterrupt(cleanup: () => void): () => void {
  if (!installed) install();
  cleanups.add(cleanup);
  return () => cleanups.delete(cleanup);
}
