import { type Emulator, type EmulatorOptions, startEmulator } from "../../emulator/server.ts";
import app from "../../src/index.ts";

/**
 * The backend worker's app called in this Node process (no workerd) in front of a fresh emulator:
 * for tests that send hundreds of requests, where what matters is the translation and what the
 * emulator — Google's rules — makes of it, not the runtime. The app only uses web-standard APIs,
 * so Node runs it as workerd would; tests of the runtime itself use startBackend (workerd.ts).
 */
export interface InProcessBackend {
  emulator: Emulator;
  /** Sends a request to the app, as a client would to the worker's URL (`path` from the root). */
  fetch(path: string, init: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

export const IN_PROCESS_PASS = "in-process-pass-0123456789";

export async function startInProcessBackend(
  options: { keys?: string[]; emulator?: EmulatorOptions } = {},
): Promise<InProcessBackend> {
  const keys = options.keys ?? ["in-process-key-1"];
  const emulator = await startEmulator({ keys, ...options.emulator });
  const env: Record<string, string> = { PASS: IN_PROCESS_PASS, GEMINI_BASE_URL: emulator.url };
  keys.forEach((key, index) => {
    env[`KEY${index + 1}`] = key;
  });
  const context = { waitUntil: () => {}, passThroughOnException: () => {}, props: {} };
  return {
    emulator,
    fetch: (path, init) =>
      Promise.resolve(app.fetch(new Request(`http://backend${path}`, init), env, context as never)),
    close: () => emulator.close(),
  };
}
