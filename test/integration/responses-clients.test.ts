import { spawn } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createOpenAI } from "@ai-sdk/openai";
import { ChatOpenAI } from "@langchain/openai";
import { generateObject, generateText, stepCountIs, streamText, tool } from "ai";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { PASS, shardKeys, startTopology, type Topology } from "../support/topology.ts";

/** Runs a CLI with no standard input (as CI does), resolving with its stdout when it exits 0. */
function run(
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs: number },
) {
  return new Promise<{ stdout: string }>((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (data) => (stdout += data));
    child.stderr.on("data", (data) => (stderr += data));
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs);
    child.on("close", (code) => {
      clearTimeout(timer);
      if (code === 0) resolve({ stdout });
      else reject(new Error(`${command} exited ${code}: ${stderr.slice(-2000)}`));
    });
  });
}
let topology: Topology;
beforeAll(async () => {
  topology = await startTopology({ shards: shardKeys([2, 1]) });
});
afterAll(() => topology.close());
afterEach(() => topology.emulator.reset());

const weather = tool({
  description: "Weather for a city",
  inputSchema: z.object({ city: z.string() }),
  execute: async ({ city }) => ({ city, temp: 21 }),
});

describe("the AI SDK's default OpenAI provider (Responses API) through the topology", () => {
  const provider = () => createOpenAI({ baseURL: `${topology.url}/v1`, apiKey: PASS });

  it("generateText runs a tool over several steps", async () => {
    const result = await generateText({
      model: provider()("gemini-3-flash-preview"),
      prompt: "call weather",
      tools: { weather },
      stopWhen: stepCountIs(3),
    });
    expect(result.steps.length).toBeGreaterThanOrEqual(2);
    expect(result.steps[0]?.toolCalls[0]?.toolName).toBe("weather");
    expect(result.text).toContain('Tool said: {"city":"echo","temp":21}');
  });

  it("streamText streams text and tool steps", async () => {
    const result = streamText({
      model: provider()("gemini-2.5-flash"),
      prompt: "call weather",
      tools: { weather },
      stopWhen: stepCountIs(3),
    });
    let text = "";
    for await (const delta of result.textStream) text += delta;
    expect(text).toContain("Tool said");
    expect((await result.steps).length).toBe(2);
  });

  it("generateObject returns an object matching the schema", async () => {
    const { object } = await generateObject({
      model: provider()("gemini-2.5-flash"),
      schema: z.object({ name: z.string(), tags: z.array(z.string()) }),
      prompt: "a plan",
    });
    expect(object).toEqual({ name: "echo", tags: ["echo"] });
  });
});

describe("LangChain ChatOpenAI with useResponsesApi", () => {
  it("invokes and binds tools", async () => {
    const model = new ChatOpenAI({
      model: "gemini-2.5-flash",
      apiKey: PASS,
      configuration: { baseURL: `${topology.url}/v1` },
      useResponsesApi: true,
      maxRetries: 0,
    });
    const answer = await model.invoke("hello langchain");
    expect(answer.text).toContain("hello langchain");
    const withTools = model.bindTools([
      {
        type: "function",
        function: {
          name: "get_weather",
          description: "Weather",
          parameters: {
            type: "object",
            properties: { city: { type: "string" } },
            required: ["city"],
          },
        },
      },
    ]);
    const call = await withTools.invoke("call get_weather");
    expect(call.tool_calls?.[0]).toMatchObject({ name: "get_weather", args: { city: "echo" } });
  });
});

describe("Codex CLI (codex exec) with a custom Responses provider", () => {
  it("completes a turn that runs one tool, offline, against the topology", async () => {
    const home = await mkdtemp(join(tmpdir(), "codex-home-"));
    try {
      const workdir = join(home, "work");
      await mkdir(join(home, ".codex"), { recursive: true });
      await mkdir(workdir);
      await writeFile(
        join(home, ".codex", "config.toml"),
        [
          'model = "gemini-2.5-flash"',
          'model_provider = "zen"',
          'approval_policy = "never"',
          'sandbox_mode = "danger-full-access"',
          "[model_providers.zen]",
          'name = "zen-ai-router"',
          `base_url = "${topology.url}/v1"`,
          'env_key = "ZEN_AI_ROUTER_PASS"',
          'wire_api = "responses"',
          "",
        ].join("\n"),
      );
      const { stdout } = await run(
        join(process.cwd(), "node_modules/.bin/codex"),
        ["exec", "--skip-git-repo-check", "call exec_command"],
        {
          cwd: workdir,
          timeoutMs: 120_000,
          env: {
            PATH: process.env.PATH,
            HOME: home,
            CODEX_HOME: join(home, ".codex"),
            ZEN_AI_ROUTER_PASS: PASS,
          },
        },
      );
      // The emulator asked for exec_command; Codex ran it and sent the output back.
      expect(stdout).toContain("Tool said:");
      const requests = topology.emulator.requests();
      expect(requests.length).toBe(2);
      const last = requests[1]?.body as {
        contents: { parts: { functionResponse?: { name: string } }[] }[];
      };
      const response = last.contents.at(-1)?.parts[0]?.functionResponse;
      expect(response?.name).toBe("exec_command");
    } finally {
      await rm(home, { recursive: true, force: true });
    }
  }, 150_000);
});
