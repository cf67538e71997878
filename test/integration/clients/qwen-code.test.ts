import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type CliSandbox, createCliSandbox, runCli } from "../../support/cli-sandbox.ts";
import { generateBodies, upstreamCalls } from "../../support/recorded-requests.ts";
import { PASS, shardKeys, startTopology, type Topology } from "../../support/topology.ts";
import { ROOT } from "../../support/workerd.ts";

/**
 * Qwen Code (`@qwen-code/qwen-code`, unmodified) in non-interactive mode with its OpenAI-compatible
 * auth: OPENAI_BASE_URL at the orchestrator, the PASS as OPENAI_API_KEY, a throw-away HOME whose
 * settings pick the `openai` auth and turn off auto-update, usage statistics, telemetry and the
 * background memory extraction (a second model call after every turn). Any attempt to leave
 * loopback goes to a refusing proxy and fails the test.
 */
const CLI = join(ROOT, "node_modules/@qwen-code/qwen-code/cli-entry.js");
const SETTINGS = {
  general: { enableAutoUpdate: false },
  privacy: { usageStatisticsEnabled: false },
  telemetry: { enabled: false },
  memory: { enableManagedAutoMemory: false, enableManagedAutoDream: false },
  security: { auth: { selectedType: "openai" } },
};

let topology: Topology;
let sandbox: CliSandbox;
beforeAll(async () => {
  topology = await startTopology({ shards: shardKeys([2, 1]) });
  sandbox = await createCliSandbox("qwen-code");
  await mkdir(join(sandbox.home, ".qwen"));
  await writeFile(join(sandbox.home, ".qwen", "settings.json"), JSON.stringify(SETTINGS));
  await writeFile(join(sandbox.workspace, "echo"), "a file the model's glob finds\n");
});
afterAll(async () => {
  await topology.close();
  await sandbox.close();
});
afterEach(() => {
  topology.emulator.reset();
  expect(sandbox.outsideAttempts).toEqual([]);
});

/** `qwen <prompt>` (one-shot) with `model` at `prefix` of the gateway and `apiKey` as key. */
const qwen = (prompt: string, model: string, prefix = "/v1", apiKey = PASS) =>
  runCli(process.execPath, [CLI, prompt], {
    cwd: sandbox.workspace,
    timeoutMs: 120_000,
    env: sandbox.env({
      OPENAI_BASE_URL: `${topology.url}${prefix}`,
      OPENAI_API_KEY: apiKey,
      OPENAI_MODEL: model,
    }),
  });

/** The glob call and its result in the second model call of a tool turn. */
function expectGlobRoundTrip() {
  const [, second] = generateBodies(topology);
  const call = second?.contents?.at(-2)?.parts?.find((part) => part.functionCall);
  expect(call?.functionCall).toMatchObject({ name: "glob", args: { pattern: "echo" } });
  const response = second?.contents?.at(-1)?.parts?.[0]?.functionResponse;
  expect(response?.name).toBe("glob");
  expect(JSON.stringify(response?.response)).toContain(join(sandbox.workspace, "echo"));
  return call;
}

describe("Qwen Code through the gateway (OpenAI-compatible auth)", () => {
  it("answers a one-shot prompt from the emulator, with a pooled key upstream", async () => {
    const run = await qwen("Say hello from Qwen Code", "gemini-2.5-flash");
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^Echo: [\s\S]*Say hello from Qwen Code\s*$/);
    expect(upstreamCalls(topology)).toEqual([
      "POST /v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse",
    ]);
    const [body] = generateBodies(topology);
    expect(body?.systemInstruction?.parts?.[0]?.text).toMatch(/^You are Qwen Code/);
    expect(body?.contents?.at(-1)?.parts?.at(-1)?.text).toBe("Say hello from Qwen Code");
    expect(body?.tools?.[0]?.functionDeclarations?.map((tool) => tool.name)).toContain("glob");
    const [request] = topology.emulator.requests();
    expect(topology.shards.flat()).toContain(request?.key);
    expect(JSON.stringify(topology.emulator.requests())).not.toContain(PASS);
  }, 150_000);

  it("runs a tool turn at Google's /v1beta/openai base URL: the glob call, its result, the answer", async () => {
    const run = await qwen("call glob", "gemini-3-flash-preview", "/v1beta/openai");
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain("Tool said:");
    expect(run.stdout).toContain(join(sandbox.workspace, "echo"));
    expect(upstreamCalls(topology)).toEqual([
      "POST /v1beta/models/gemini-3-flash-preview:streamGenerateContent?alt=sse",
      "POST /v1beta/models/gemini-3-flash-preview:streamGenerateContent?alt=sse",
    ]);
    expect(expectGlobRoundTrip()?.thoughtSignature).toEqual(expect.any(String));
  }, 150_000);

  it("fails with the gateway's 401 for a wrong key, calling no upstream", async () => {
    const run = await qwen("hi", "gemini-2.5-flash", "/v1", "not-the-pass");
    expect(run.code).not.toBe(0);
    expect(run.stdout + run.stderr).toContain("[API Error: 401 Invalid or missing bearer token.]");
    expect(topology.emulator.requests()).toEqual([]);
  }, 150_000);
});

/**
 * Qwen Code's other protocols, each through its own surface of the gateway: the Responses API
 * (OPENAI_BASE_URL), native Gemini (GOOGLE_GEMINI_BASE_URL, @google/genai inside) and Anthropic
 * Messages (ANTHROPIC_BASE_URL; the Claude id reaches Gemini through ANTHROPIC_MODEL_MAP's default).
 */
describe.each([
  ["openai-responses", "gemini-3-flash-preview", "/v1beta/models/gemini-3-flash-preview"],
  ["gemini", "gemini-3-flash-preview", "/v1beta/models/gemini-3-flash-preview"],
  ["anthropic", "claude-sonnet-4-5", "/v1beta/models/gemini-3.8-flash"],
])("Qwen Code with --auth-type %s", (authType, model, upstreamModel) => {
  it("runs a glob tool turn", async () => {
    const run = await runCli(process.execPath, [CLI, "--auth-type", authType, "call glob"], {
      cwd: sandbox.workspace,
      timeoutMs: 120_000,
      env: sandbox.env({
        OPENAI_BASE_URL: `${topology.url}/v1`,
        OPENAI_API_KEY: PASS,
        OPENAI_MODEL: model,
        GOOGLE_GEMINI_BASE_URL: topology.url,
        GEMINI_API_KEY: PASS,
        GEMINI_MODEL: model,
        ANTHROPIC_BASE_URL: topology.url,
        ANTHROPIC_API_KEY: PASS,
        ANTHROPIC_MODEL: model,
      }),
    });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain("Tool said:");
    expect(run.stdout).toContain(join(sandbox.workspace, "echo"));
    expect(upstreamCalls(topology)).toEqual([
      `POST ${upstreamModel}:streamGenerateContent?alt=sse`,
      `POST ${upstreamModel}:streamGenerateContent?alt=sse`,
    ]);
    expectGlobRoundTrip();
  }, 150_000);
});
