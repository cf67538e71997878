import { spawn } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { PASS, shardKeys, startTopology, type Topology } from "../support/topology.ts";
import { ROOT } from "../support/workerd.ts";

/**
 * Gemini CLI (the devDependency, unmodified) in non-interactive mode against the whole topology:
 * GOOGLE_GEMINI_BASE_URL at the orchestrator, the PASS as GEMINI_API_KEY, a throw-away HOME whose
 * settings pick API-key auth and turn usage statistics and update checks off — nothing leaves
 * the machine. Its default routing asks gemini-3.5-flash-lite to score the prompt
 * (generateContent), then gemini-3.1-pro-preview answers (streamGenerateContent?alt=sse).
 */
const CLI = join(ROOT, "node_modules/@google/gemini-cli/bundle/gemini.js");
const SETTINGS = {
  security: { auth: { selectedType: "gemini-api-key" } },
  privacy: { usageStatisticsEnabled: false },
  general: { enableAutoUpdate: false, enableAutoUpdateNotification: false },
};

let topology: Topology;
let home: string;

beforeAll(async () => {
  topology = await startTopology({ shards: shardKeys([3, 3]) });
  home = await mkdtemp(join(tmpdir(), "gemini-cli-home-"));
  await mkdir(join(home, ".gemini"));
  await mkdir(join(home, "workspace"));
  await writeFile(join(home, ".gemini", "settings.json"), JSON.stringify(SETTINGS));
});
afterAll(async () => {
  await topology.close();
  await rm(home, { recursive: true, force: true });
});
afterEach(() => topology.emulator.reset());

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `gemini -p <prompt> …args` to its end (bounded by a timeout), with `apiKey` as its key. */
function gemini(prompt: string, args: string[] = [], apiKey = PASS): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, "-p", prompt, ...args], {
      cwd: join(home, "workspace"),
      env: {
        PATH: process.env.PATH ?? "",
        HOME: home,
        GOOGLE_GEMINI_BASE_URL: topology.url,
        GEMINI_API_KEY: apiKey,
        GEMINI_CLI_TRUST_WORKSPACE: "true",
        NO_COLOR: "1",
      },
      stdio: ["ignore", "pipe", "pipe"],
      timeout: 90_000,
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

const pooledKeys = () => topology.shards.flat();

describe("Gemini CLI through the gateway", () => {
  it("answers `gemini -p` from the emulator, with pooled keys and never the PASS upstream", async () => {
    const run = await gemini("Say hello from the key pool");
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain("Say hello from the key pool");
    const requests = topology.emulator.requests();
    expect(requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      "POST /v1beta/models/gemini-3.5-flash-lite:generateContent",
      "POST /v1beta/models/gemini-3.1-pro-preview:streamGenerateContent?alt=sse",
    ]);
    for (const request of requests) expect(pooledKeys()).toContain(request.key);
    expect(JSON.stringify(requests)).not.toContain(PASS);
    expect(run.stdout + run.stderr).not.toMatch(/test-key-b\d/);
  });

  it("still answers when most keys are rate-limited or suspended", async () => {
    for (const keys of topology.shards) {
      topology.emulator.setKeyBehavior(keys[0] ?? "", { kind: "rate-limit" });
      topology.emulator.setKeyBehavior(keys[1] ?? "", { kind: "suspended" });
    }
    const run = await gemini("Answer despite broken keys", ["-m", "gemini-2.5-flash"]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain("Answer despite broken keys");
    const paths = topology.emulator.requests().map((request) => request.path);
    expect(paths).toContain("/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse");
  });

  it("fails with the gateway's 401 for a wrong PASS, calling no upstream", async () => {
    const run = await gemini("hi", ["-m", "gemini-2.5-flash"], "not-the-pass");
    expect(run.code).not.toBe(0);
    expect(run.stdout + run.stderr).toMatch(/API key not valid|401|UNAUTHENTICATED/);
    expect(topology.emulator.requests()).toEqual([]);
  });
});
