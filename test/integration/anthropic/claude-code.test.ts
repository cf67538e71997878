import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type RecordedCall,
  type RecordingProxy,
  startRecordingProxy,
} from "../../support/recording-proxy.ts";
import { PASS, shardKeys, startTopology, type Topology } from "../../support/topology.ts";
import { ROOT } from "../../support/workerd.ts";

/**
 * Claude Code itself (the native binary of @anthropic-ai/claude-code, a devDependency) in
 * non-interactive mode against the local topology: orchestrator → backend → Gemini emulator,
 * with a recording proxy in front to see what Claude Code sends. It runs offline: a throw-away
 * HOME, no telemetry, no auto-update, no non-essential traffic, and no network but loopback.
 */
const CLAUDE = join(ROOT, "node_modules/.bin/claude");
const run = promisify(execFile);

let topology: Topology;
let proxy: RecordingProxy;
let home: string;
let workDir: string;

beforeAll(async () => {
  topology = await startTopology({ shards: shardKeys([2, 1]) });
  proxy = await startRecordingProxy(topology.url);
  home = await mkdtemp(join(tmpdir(), "claude-home-"));
  workDir = await mkdtemp(join(tmpdir(), "claude-work-"));
});
afterAll(async () => {
  await proxy.close();
  await topology.close();
  await rm(home, { recursive: true, force: true });
  await rm(workDir, { recursive: true, force: true });
});

interface ClaudeResult {
  type: string;
  subtype: string;
  is_error: boolean;
  result: string;
  num_turns: number;
  stop_reason: string;
}

/** `claude -p <prompt> --output-format json` with only the environment it needs. */
async function claude(
  prompt: string,
  auth: Record<string, string>,
  extraArgs: string[] = [],
): Promise<ClaudeResult> {
  const { stdout } = await run(CLAUDE, ["-p", prompt, "--output-format", "json", ...extraArgs], {
    cwd: workDir,
    timeout: 120_000,
    env: {
      PATH: process.env.PATH ?? "/usr/bin:/bin",
      HOME: home,
      ANTHROPIC_BASE_URL: proxy.url,
      ...auth,
      DISABLE_TELEMETRY: "1",
      DISABLE_AUTOUPDATER: "1",
      DISABLE_ERROR_REPORTING: "1",
      CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: "1",
    },
  });
  return JSON.parse(stdout) as ClaudeResult;
}

const messageCalls = (calls: readonly RecordedCall[]) =>
  calls.filter((call) => call.method === "POST" && call.path.startsWith("/v1/messages"));

describe("Claude Code against the gateway", () => {
  it("answers `claude -p` from the emulator with ANTHROPIC_API_KEY", async () => {
    proxy.calls.length = 0;
    const result = await claude("hello there", { ANTHROPIC_API_KEY: PASS });
    expect(result).toMatchObject({ type: "result", subtype: "success", is_error: false });
    expect(result.result).toMatch(/^Echo: [\s\S]*hello there$/);
    const calls = messageCalls(proxy.calls);
    expect(calls.length).toBeGreaterThan(0);
    for (const call of calls) expect(call.status).toBe(200);
    const [first] = calls;
    // What Claude Code sends, and the gateway accepts as it is.
    expect(first?.headers["x-api-key"]).toBe(PASS);
    expect(first?.headers["anthropic-version"]).toBe("2023-06-01");
    expect(String(first?.headers["anthropic-beta"])).toContain("claude-code-");
    const body = first?.body as Record<string, unknown>;
    expect(body).toMatchObject({ stream: true, model: expect.stringMatching(/^claude-/) });
    expect(Array.isArray(body.tools) && body.tools.length).toBeGreaterThan(10);
  });

  it("runs one tool use: Claude Code calls Read, sends the tool_result back, and prints the answer", async () => {
    proxy.calls.length = 0;
    const result = await claude("please call Read", { ANTHROPIC_AUTH_TOKEN: PASS });
    expect(result).toMatchObject({ subtype: "success", is_error: false, num_turns: 2 });
    // The emulator's answer to a function response quotes it: Read's own error for its file.
    expect(result.result).toMatch(/^Tool said: \{"error":"File does not exist/);
    const calls = messageCalls(proxy.calls);
    expect(calls.at(-1)?.headers.authorization).toBe(`Bearer ${PASS}`);
    const last = calls.at(-1)?.body as { messages: { role: string; content: unknown }[] };
    const replayed = JSON.stringify(last.messages);
    expect(replayed).toContain('"type":"tool_use"');
    expect(replayed).toContain('"type":"tool_result"');
    const gemini = topology.emulator.requests().at(-1)?.body as {
      contents: { parts: { functionCall?: { name: string }; functionResponse?: unknown }[] }[];
    };
    const parts = gemini.contents.flatMap((content) => content.parts);
    expect(parts.find((part) => part.functionCall)?.functionCall?.name).toBe("Read");
    expect(parts.some((part) => part.functionResponse)).toBe(true);
  });

  it("keeps Gemini 3's thought signatures through Claude Code's own tool loop (--model gemini-3.1-pro-preview)", async () => {
    proxy.calls.length = 0;
    topology.emulator.reset();
    const result = await claude("please call Read", { ANTHROPIC_API_KEY: PASS }, [
      "--model",
      "gemini-3.1-pro-preview",
    ]);
    expect(result).toMatchObject({ subtype: "success", is_error: false, num_turns: 2 });
    expect(result.result).toMatch(/^Tool said: /);
    const calls = messageCalls(proxy.calls);
    expect(
      calls.every((call) => (call.body as { model: string }).model === "gemini-3.1-pro-preview"),
    ).toBe(true);
    // Claude Code sent the thinking block and the tool_use id back as it got them; Gemini got its
    // own signature back on the call, not the placeholder.
    const generate = topology.emulator
      .requests()
      .filter((request) => request.path.includes("gemini-3.1-pro-preview:"));
    const last = generate.at(-1)?.body as {
      contents: { parts: { functionCall?: unknown; thoughtSignature?: string }[] }[];
    };
    const call = last.contents
      .flatMap((content) => content.parts)
      .find((part) => part.functionCall);
    expect(call?.thoughtSignature).toMatch(/^[A-Za-z0-9+/]{43}=$/);
  });
});
