import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import OpenAI from "openai";
import { afterAll, beforeAll, expect, it } from "vitest";
import { ROOT } from "../support/workerd.ts";

/** `npm start` as a newcomer runs it: no keys, so the emulator stands in for Gemini. */
let child: ChildProcess;
let output = "";
let port = 0;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

beforeAll(async () => {
  port = await freePort();
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined && !/^KEY\d+$/.test(name) && name !== "PASS") env[name] = value;
  }
  child = spawn(process.execPath, ["scripts/start.ts"], {
    cwd: ROOT,
    // Two documented settings, to see them reach the workers (every one: test/scripts/local-topology).
    env: {
      ...env,
      PORT: String(port),
      CI: "true",
      CORS_ORIGINS: "https://app.example.test",
      UPSTREAM_TIMEOUT_S: "120",
    },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  child.stdout?.on("data", (data) => {
    output += data;
  });
  child.stderr?.on("data", (data) => {
    output += data;
  });
  const deadline = Date.now() + 90_000;
  while (!/Ready on/.test(output)) {
    if (Date.now() > deadline || child.exitCode !== null) {
      throw new Error(`npm start did not become ready:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}, 120_000);

afterAll(() => {
  if (child.pid) process.kill(-child.pid, "SIGTERM");
});

it("says in its first lines how many backends and keys it started, and that it uses the emulator", () => {
  const firstLines = output.split("\n").slice(0, 3).join("\n");
  expect(firstLines).toMatch(/1 backend\(s\) holding 3 key\(s\)/);
  expect(firstLines).toMatch(/emulator/i);
});

it("passes the documented settings it finds on to the workers, and says which", async () => {
  expect(output).toMatch(/Settings: .*CORS_ORIGINS.*UPSTREAM_TIMEOUT_S/);
  const allowed = await fetch(`http://127.0.0.1:${port}/health`, {
    headers: { origin: "https://app.example.test" },
  });
  expect(allowed.headers.get("access-control-allow-origin")).toBe("https://app.example.test");
  const other = await fetch(`http://127.0.0.1:${port}/health`, {
    headers: { origin: "https://other.example.test" },
  });
  expect(other.headers.get("access-control-allow-origin")).toBeNull();
});

it("answers a chat through the orchestrator and a backend", async () => {
  const client = new OpenAI({
    baseURL: `http://127.0.0.1:${port}/v1`,
    apiKey: "sk-local-dev",
    maxRetries: 0,
  });
  const completion = await client.chat.completions.create({
    model: "gemini-2.5-flash",
    messages: [{ role: "user", content: "hello from npm start" }],
  });
  expect(completion.choices[0]?.message.content).toContain("hello from npm start");
  const health = await fetch(`http://127.0.0.1:${port}/health`);
  expect(await health.json()).toMatchObject({ backends: 1 });
});

it("answers Gemini 3 reasoning requests offline (levels in the protos' spelling)", async () => {
  const client = new OpenAI({
    baseURL: `http://127.0.0.1:${port}/v1`,
    apiKey: "sk-local-dev",
    maxRetries: 0,
  });
  for (const [model, effort] of [
    ["gemini-3.1-pro-preview", "medium"],
    ["gemini-3.8-flash", "minimal"],
    ["gemini-3-flash-preview-thinking-high", undefined],
  ] as const) {
    const completion = await client.chat.completions.create({
      model,
      messages: [{ role: "user", content: `reason with ${model}` }],
      ...(effort && { reasoning_effort: effort }),
    });
    expect(completion.choices[0]?.message.content).toContain(`reason with ${model}`);
    expect(completion.usage?.completion_tokens_details?.reasoning_tokens).toBeGreaterThan(0);
  }
});
