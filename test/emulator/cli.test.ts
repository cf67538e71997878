import { spawn } from "node:child_process";
import { once } from "node:events";
import { expect, it } from "vitest";

it("prints its URL, answers with the given keys and stops on SIGTERM", async () => {
  const child = spawn(
    process.execPath,
    ["emulator/main.ts", "--port", "0", "--keys", "cli-key-1,cli-key-2"],
    {
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  let output = "";
  child.stdout.on("data", (data) => {
    output += data;
  });
  const deadline = Date.now() + 20_000;
  while (!/http:\/\/\S+/.test(output) && Date.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 50));
  const url = /http:\/\/\S+/.exec(output)?.[0];
  expect(url).toBeDefined();
  const ok = await fetch(`${url}/v1beta/models`, { headers: { "x-goog-api-key": "cli-key-2" } });
  expect(ok.status).toBe(200);
  const wrong = await fetch(`${url}/v1beta/models`, { headers: { "x-goog-api-key": "nope" } });
  expect(wrong.status).toBe(400);
  child.kill("SIGTERM");
  const [code] = await once(child, "exit");
  expect(code).toBe(0);
});
