import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type CliSandbox, createCliSandbox, runCli } from "../../support/cli-sandbox.ts";
import { generateBodies, type RecordedGenerateBody } from "../../support/recorded-requests.ts";
import { PASS, shardKeys, startTopology, type Topology } from "../../support/topology.ts";
import { ROOT } from "../../support/workerd.ts";

/**
 * opencode (the binary of `opencode-ai`, from its `opencode-linux-x64` package, unmodified) with
 * a custom provider in its config: `@ai-sdk/openai-compatible` (bundled in opencode) at the
 * orchestrator's `/v1`, the PASS read from an environment variable. A throw-away HOME and XDG
 * directories; no models.dev fetch, no default plugins, no auto-update, no LSP downloads; any
 * attempt to leave loopback goes to a refusing proxy. The one opencode always makes is refused and
 * allowed: at start it installs its plugin SDK (`@opencode-ai/plugin`) into every config
 * directory in the background, from registry.npmjs.org (it logs "background dependency install
 * failed" and runs on). Its `run` command makes two model calls per prompt: a title for the
 * session (the `title` agent, on `small_model`) and the answer.
 */
const OPENCODE = join(ROOT, "node_modules/opencode-linux-x64/bin/opencode");

let topology: Topology;
let sandbox: CliSandbox;
beforeAll(async () => {
  if (!existsSync(OPENCODE)) {
    throw new Error(
      `${OPENCODE} is missing: opencode's binary is pinned for linux-x64 only (optionalDependencies)`,
    );
  }
  topology = await startTopology({ shards: shardKeys([2, 1]) });
  sandbox = await createCliSandbox("opencode");
  const configDirectory = join(sandbox.home, ".config", "opencode");
  await mkdir(configDirectory, { recursive: true });
  await writeFile(
    join(configDirectory, "opencode.json"),
    JSON.stringify({
      $schema: "https://opencode.ai/config.json",
      autoupdate: false,
      share: "disabled",
      model: "zen/gemini-2.5-flash",
      small_model: "zen/gemini-2.5-flash-lite",
      provider: {
        zen: {
          npm: "@ai-sdk/openai-compatible",
          name: "zen-ai-router",
          options: { baseURL: `${topology.url}/v1`, apiKey: "{env:ZEN_AI_ROUTER_PASS}" },
          models: {
            "gemini-2.5-flash": { name: "Gemini 2.5 Flash", tool_call: true },
            "gemini-2.5-flash-lite": { name: "Gemini 2.5 Flash-Lite" },
          },
        },
        // The same router through opencode's bundled Google and Anthropic providers.
        "zen-google": {
          npm: "@ai-sdk/google",
          name: "zen-ai-router (Gemini API)",
          options: { baseURL: `${topology.url}/v1beta`, apiKey: "{env:ZEN_AI_ROUTER_PASS}" },
          models: { "gemini-3-flash-preview": { name: "Gemini 3 Flash" } },
        },
        "zen-anthropic": {
          npm: "@ai-sdk/anthropic",
          name: "zen-ai-router (Anthropic API)",
          options: { baseURL: `${topology.url}/v1`, apiKey: "{env:ZEN_AI_ROUTER_PASS}" },
          models: { "claude-sonnet-4-5": { name: "Claude Sonnet 4.5 (on Gemini)" } },
        },
      },
    }),
  );
  await writeFile(join(sandbox.workspace, "echo"), "the file opencode reads\n");
});
afterAll(async () => {
  await topology?.close();
  await sandbox?.close();
});
afterEach(() => {
  topology.emulator.reset();
  expect(new Set(sandbox.outsideAttempts)).toEqual(
    new Set(sandbox.outsideAttempts.length > 0 ? ["registry.npmjs.org:443"] : []),
  );
});

/**
 * `opencode run --format json <words of the prompt>`: one JSON event a line on stdout. The words
 * go as separate arguments, as a shell user types them (opencode quotes an argument that holds
 * spaces before joining them into the message).
 */
async function opencode(prompt: string, model = "zen/gemini-2.5-flash") {
  const words = prompt.split(" ");
  const run = await runCli(OPENCODE, ["run", "--format", "json", "--model", model, ...words], {
    cwd: sandbox.workspace,
    timeoutMs: 120_000,
    env: sandbox.env({
      ZEN_AI_ROUTER_PASS: PASS,
      OPENCODE_DISABLE_MODELS_FETCH: "1",
      OPENCODE_DISABLE_DEFAULT_PLUGINS: "1",
      OPENCODE_DISABLE_AUTOUPDATE: "1",
      OPENCODE_DISABLE_LSP_DOWNLOAD: "1",
    }),
  });
  const events = run.stdout
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as OpencodeEvent);
  return { ...run, events };
}

interface OpencodeEvent {
  type: string;
  part: {
    type: string;
    text?: string;
    tool?: string;
    state?: { status: string; input?: Record<string, unknown>; output?: string };
  };
}

const texts = (events: OpencodeEvent[]) =>
  events.filter((event) => event.type === "text").map((event) => event.part.text);

/** The bodies of the answering calls (the `build` agent's, with tools), not the title's. */
const answerBodies = () => generateBodies(topology).filter((body) => body.tools !== undefined);

describe("opencode through the gateway (a custom OpenAI-compatible provider)", () => {
  it("answers `opencode run` from the emulator, and titles the session with the small model", async () => {
    const run = await opencode("Say hello from opencode");
    expect(run.code, run.stderr.slice(-2000)).toBe(0);
    expect(texts(run.events)).toEqual(["Echo: Say hello from opencode"]);
    const paths = topology.emulator.requests().map((request) => request.path);
    expect(paths.sort()).toEqual([
      "/v1beta/models/gemini-2.5-flash-lite:streamGenerateContent?alt=sse",
      "/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse",
    ]);
    const [answer] = answerBodies();
    expect(answer?.systemInstruction?.parts?.[0]?.text).toMatch(/^You are opencode/);
    expect(answer?.contents?.at(-1)?.parts?.at(-1)?.text).toBe("Say hello from opencode");
    const tools = answer?.tools?.[0]?.functionDeclarations?.map((tool) => tool.name);
    expect(tools).toEqual(expect.arrayContaining(["bash", "read", "edit"]));
    for (const request of topology.emulator.requests()) {
      expect(topology.shards.flat()).toContain(request.key);
    }
    expect(JSON.stringify(topology.emulator.requests())).not.toContain(PASS);
  }, 150_000);

  it("runs a tool turn: the read call, the file's content back, the final answer", async () => {
    const run = await opencode("call read");
    expect(run.code, run.stderr.slice(-2000)).toBe(0);
    const toolUse = run.events.find((event) => event.type === "tool_use");
    expect(toolUse?.part).toMatchObject({
      tool: "read",
      state: { status: "completed", input: { filePath: "echo" } },
    });
    expect(toolUse?.part.state?.output).toContain("the file opencode reads");
    expect(texts(run.events).join("")).toMatch(/^Tool said: .*the file opencode reads/);
    const [first, second] = answerBodies();
    expect(first?.contents?.at(-1)?.parts?.at(-1)?.text).toBe("call read");
    const call = second?.contents?.at(-2)?.parts?.find((part) => part.functionCall);
    expect(call?.functionCall).toMatchObject({ name: "read", args: { filePath: "echo" } });
    const response = second?.contents?.at(-1)?.parts?.[0]?.functionResponse;
    expect(response?.name).toBe("read");
    expect(JSON.stringify(response?.response)).toContain("the file opencode reads");
  }, 150_000);
});

describe.each([
  ["@ai-sdk/google at /v1beta", "zen-google/gemini-3-flash-preview", "gemini-3-flash-preview"],
  ["@ai-sdk/anthropic at /v1", "zen-anthropic/claude-sonnet-4-5", "gemini-3.8-flash"],
])("opencode with its bundled %s", (_provider, model, upstreamModel) => {
  it("runs the read tool turn", async () => {
    const run = await opencode("call read", model);
    expect(run.code, run.stderr.slice(-2000)).toBe(0);
    const toolUse = run.events.find((event) => event.type === "tool_use");
    expect(toolUse?.part).toMatchObject({ tool: "read", state: { status: "completed" } });
    expect(texts(run.events).join("")).toMatch(/^Tool said: .*the file opencode reads/);
    const [first, second] = answerBodies();
    expect(first?.contents?.at(-1)?.parts?.at(-1)?.text).toBe("call read");
    const call = second?.contents?.at(-2)?.parts?.find((part) => part.functionCall);
    expect(call?.functionCall).toMatchObject({ name: "read", args: { filePath: "echo" } });
    expect(call?.thoughtSignature).toEqual(expect.any(String));
    expect(second?.contents?.at(-1)?.parts?.[0]?.functionResponse?.name).toBe("read");
    const answering = topology.emulator
      .requests()
      .filter((request) => (request.body as RecordedGenerateBody | undefined)?.tools);
    for (const request of answering) expect(request.path).toContain(`/models/${upstreamModel}:`);
  }, 150_000);
});
