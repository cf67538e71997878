/**
 * The Gemini emulator in its own process, so it can be pinned to its own CPU. Reads its options
 * as one JSON line on stdin, prints `{"url": …}` once listening, and exits when stdin closes
 * (which also happens when the benchmark dies).
 */
import { type EmulatorOptions, startEmulator } from "../emulator/server.ts";

/** The first line of stdin; the stream stays open (its end is the signal to stop). */
function readFirstLine(): Promise<string> {
  return new Promise((resolve) => {
    let buffered = "";
    const onData = (chunk: Buffer) => {
      buffered += chunk.toString("utf8");
      const newline = buffered.indexOf("\n");
      if (newline < 0) return;
      process.stdin.off("data", onData);
      resolve(buffered.slice(0, newline));
    };
    process.stdin.on("data", onData);
  });
}

const options = JSON.parse(await readFirstLine()) as EmulatorOptions;
const emulator = await startEmulator(options);
process.stdout.write(`${JSON.stringify({ url: emulator.url })}\n`);

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  void emulator.close().finally(() => process.exit(0));
};
process.stdin.on("end", stop);
process.stdin.on("close", stop);
process.on("SIGTERM", stop);
process.stdin.resume();
