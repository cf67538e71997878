import OpenAI from "openai";
import { type Emulator, type EmulatorOptions, startEmulator } from "../../emulator/server.ts";
import { keyBindings, type RunningWorkers, startWorkers } from "./workerd.ts";

export const PASS = "test-pass-0123456789";

export interface BackendFixture {
  emulator: Emulator;
  workers: RunningWorkers;
  /** The official SDK pointed at the worker; maxRetries 0 so its own retries hide nothing. */
  client: OpenAI;
  url: string;
  keys: string[];
  close(): Promise<void>;
}

/** The backend worker in workerd, in front of a fresh emulator holding `keys`. */
export async function startBackend(
  options: { keys?: string[]; bindings?: Record<string, string>; emulator?: EmulatorOptions } = {},
): Promise<BackendFixture> {
  const keys = options.keys ?? ["test-key-1", "test-key-2", "test-key-3"];
  const emulator = await startEmulator({ keys, ...options.emulator });
  const workers = await startWorkers([
    {
      name: "backend",
      entry: "src/index.ts",
      bindings: { PASS, GEMINI_BASE_URL: emulator.url, ...keyBindings(keys), ...options.bindings },
    },
  ]);
  const client = new OpenAI({ baseURL: `${workers.url}/v1`, apiKey: PASS, maxRetries: 0 });
  return {
    emulator,
    workers,
    client,
    url: workers.url,
    keys,
    close: async () => {
      await workers.dispose();
      await emulator.close();
    },
  };
}
