/**
 * Runs the Gemini emulator until SIGINT/SIGTERM:
 * `node emulator/main.ts --port 8788 --keys a,b --latency 50 --stream-chunks 64 --stream-interval 20`
 */
import { parseArgs } from "node:util";
import { startEmulator } from "./server.ts";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "8788" },
    host: { type: "string", default: "127.0.0.1" },
    keys: { type: "string" },
    latency: { type: "string" },
    "stream-chunks": { type: "string" },
    "stream-interval": { type: "string" },
    "models-page-size": { type: "string" },
  },
});

const number = (text: string | undefined) => (text === undefined ? undefined : Number(text));

const emulator = await startEmulator({
  port: number(values.port),
  host: values.host,
  keys: values.keys?.split(",").filter(Boolean),
  latencyMs: number(values.latency),
  streamChunks: number(values["stream-chunks"]),
  streamIntervalMs: number(values["stream-interval"]),
  modelsPageSize: number(values["models-page-size"]),
});
console.log(`Gemini emulator listening on ${emulator.url}`);

const stop = async () => {
  await emulator.close();
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
