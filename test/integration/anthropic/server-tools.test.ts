import { createAnthropic } from "@ai-sdk/anthropic";
import Anthropic from "@anthropic-ai/sdk";
import type {
  ContentBlock,
  ContentBlockParam,
  TextCitation,
} from "@anthropic-ai/sdk/resources/messages";
import { generateText, streamText, type ToolSet } from "ai";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { PASS, shardKeys, startTopology, type Topology } from "../../support/topology.ts";

/**
 * Anthropic server tools (issue 21 item 4): what Gemini's Google Search and code execution did
 * reaches Anthropic's clients as Anthropic's own blocks — server_tool_use, web_search_tool_result
 * with the sources, web_search_result_location citations on the text, code_execution_tool_result
 * — whole and streamed, through the topology against the emulator (which grounds answers when
 * googleSearch is on and runs code when codeExecution is).
 */
let topology: Topology;
beforeAll(async () => {
  topology = await startTopology({ shards: shardKeys([1]) });
});
afterAll(() => topology.close());
afterEach(() => topology.emulator.reset());

const client = () => new Anthropic({ baseURL: topology.url, apiKey: PASS, maxRetries: 0 });

/** The emulator's grounding: two sources; the answer's first half cites one, the whole both. */
const SOURCES = [
  { url: "https://example.com/echo", title: "example.com" },
  { url: "https://example.org/source", title: "example.org" },
];

const types = (content: readonly { type: string }[]) => content.map((block) => block.type);
const blockOf = <T extends ContentBlock["type"]>(content: readonly ContentBlock[], type: T) => {
  const block = content.find((item) => item.type === type);
  if (!block) throw new Error(`no ${type} block in ${JSON.stringify(types(content))}`);
  return block as Extract<ContentBlock, { type: T }>;
};

function expectCitations(citations: readonly TextCitation[] | null | undefined, text: string) {
  expect(citations?.map((citation) => citation.type)).toEqual([
    "web_search_result_location",
    "web_search_result_location",
    "web_search_result_location",
  ]);
  const [half, ...whole] = (citations ?? []) as Extract<
    TextCitation,
    { type: "web_search_result_location" }
  >[];
  expect(half).toMatchObject({ ...SOURCES[0] });
  expect(text.startsWith(half?.cited_text ?? "-")).toBe(true);
  expect(half?.cited_text.length).toBeLessThan(text.length);
  expect(whole.map(({ url, title, cited_text }) => ({ url, title, cited_text }))).toEqual(
    SOURCES.map((source) => ({ ...source, cited_text: text })),
  );
  for (const citation of citations ?? []) {
    expect((citation as { encrypted_index: string }).encrypted_index).toMatch(/^[A-Za-z0-9+/=]+$/);
  }
}

function expectSearch(content: readonly ContentBlock[], query: string) {
  const use = blockOf(content, "server_tool_use");
  expect(use).toEqual({
    type: "server_tool_use",
    id: expect.stringMatching(/^srvtoolu_[A-Za-z0-9_]+$/),
    name: "web_search",
    input: { query },
    caller: { type: "direct" },
  });
  const result = blockOf(content, "web_search_tool_result");
  expect(result.tool_use_id).toBe(use.id);
  expect(result.content).toEqual(
    SOURCES.map((source) => ({
      type: "web_search_result",
      ...source,
      page_age: null,
      encrypted_content: expect.stringMatching(/^[A-Za-z0-9+/=]+$/),
    })),
  );
  const text = blockOf(content, "text");
  expectCitations(text.citations, text.text);
}

const webSearchTypes = [
  "web_search_20250305",
  "web_search_20260209",
  "web_search_20260318",
] as const;

describe("@anthropic-ai/sdk: web search through Google Search grounding", () => {
  it.each(webSearchTypes)("%s, whole: the search, its sources, citations, usage", async (type) => {
    const message = await client().messages.create({
      model: "claude-sonnet-4-5",
      max_tokens: 512,
      messages: [{ role: "user", content: "who won" }],
      tools: [{ type, name: "web_search" }],
    });
    expect(types(message.content)).toEqual(["server_tool_use", "web_search_tool_result", "text"]);
    expectSearch(message.content, "who won");
    expect(message.usage.server_tool_use).toEqual({
      web_search_requests: 1,
      web_fetch_requests: 0,
    });
    // Every field Anthropic's Message requires, null where Gemini has nothing to say.
    expect(message).toMatchObject({
      type: "message",
      role: "assistant",
      stop_reason: "end_turn",
      stop_sequence: null,
      stop_details: null,
      container: null,
      diagnostics: null,
    });
    expect(Object.keys(message.usage).sort()).toEqual([
      "cache_creation",
      "cache_creation_input_tokens",
      "cache_read_input_tokens",
      "inference_geo",
      "input_tokens",
      "output_tokens",
      "output_tokens_details",
      "server_tool_use",
      "service_tier",
      "speed",
    ]);
  });

  it("streamed: the SDK's stream helper builds the same blocks, citation events included", async () => {
    const stream = client().messages.stream({
      model: "claude-sonnet-4-5",
      max_tokens: 512,
      messages: [{ role: "user", content: "who won" }],
      tools: [{ type: "web_search_20250305", name: "web_search" }],
    });
    const cited: TextCitation[] = [];
    stream.on("citation", (citation) => cited.push(citation));
    const message = await stream.finalMessage();
    // Gemini sends its grounding with the last event: the searches follow the text.
    expect(types(message.content)).toEqual(["text", "server_tool_use", "web_search_tool_result"]);
    expectSearch(message.content, "who won");
    expect(cited).toEqual(blockOf(message.content, "text").citations);
    expect(message.usage.server_tool_use).toEqual({
      web_search_requests: 1,
      web_fetch_requests: 0,
    });
    expect(message).toMatchObject({ stop_reason: "end_turn", stop_details: null, container: null });
  });

  it("takes the answer back in the next turn (server blocks and citations included)", async () => {
    const anthropic = client();
    const first = await anthropic.messages.create({
      model: "claude-sonnet-4-5",
      max_tokens: 512,
      messages: [{ role: "user", content: "who won" }],
      tools: [{ type: "web_search_20250305", name: "web_search" }],
    });
    const next = await anthropic.messages.create({
      model: "claude-sonnet-4-5",
      max_tokens: 512,
      messages: [
        { role: "user", content: "who won" },
        { role: "assistant", content: first.content as ContentBlockParam[] },
        { role: "user", content: "and then?" },
      ],
      tools: [{ type: "web_search_20250305", name: "web_search" }],
    });
    expect(next.stop_reason).toBe("end_turn");
    const sent = topology.emulator.requests().at(-1)?.body as {
      contents: { role: string; parts: Record<string, unknown>[] }[];
    };
    // The answer's text goes back to Gemini; the search blocks have no Gemini part.
    expect(sent.contents[1]).toEqual({
      role: "model",
      parts: [{ text: blockOf(first.content, "text").text }],
    });
  });
});

const codeTypes = [
  "code_execution_20250522",
  "code_execution_20250825",
  "code_execution_20260521",
] as const;

describe("@anthropic-ai/sdk: code execution", () => {
  const prompt = "count these letters";

  it.each(codeTypes)(
    "%s, whole and streamed: server_tool_use + code_execution_tool_result",
    async (type) => {
      const request = {
        model: "claude-sonnet-4-5",
        max_tokens: 512,
        messages: [{ role: "user" as const, content: prompt }],
        tools: [{ type, name: "code_execution" as const }],
      };
      const whole = await client().messages.create(request);
      const streamed = await client().messages.stream(request).finalMessage();
      for (const message of [whole, streamed]) {
        expect(types(message.content)).toEqual([
          "server_tool_use",
          "code_execution_tool_result",
          "text",
        ]);
        const use = blockOf(message.content, "server_tool_use");
        expect(use).toEqual({
          type: "server_tool_use",
          id: expect.stringMatching(/^srvtoolu_/),
          name: "code_execution",
          input: { code: `print(len(${JSON.stringify(prompt)}))` },
          caller: { type: "direct" },
        });
        expect(blockOf(message.content, "code_execution_tool_result")).toEqual({
          type: "code_execution_tool_result",
          tool_use_id: use.id,
          content: {
            type: "code_execution_result",
            stdout: `${prompt.length}\n`,
            stderr: "",
            return_code: 0,
            content: [],
          },
        });
        expect(message.usage.server_tool_use).toBeNull();
        expect(message.container).toBeNull();
      }
      // Streamed and whole say the same (the ids differ per message).
      const withoutIds = (content: readonly ContentBlock[]) =>
        JSON.parse(JSON.stringify(content).replace(/srvtoolu_[A-Za-z0-9]+_/g, "srvtoolu_"));
      expect(withoutIds(streamed.content)).toEqual(withoutIds(whole.content));
    },
  );

  it("a failing run is a result with stderr and return code 1, and goes back to Gemini as code parts", async () => {
    const anthropic = client();
    const tools = [{ type: "code_execution_20250825" as const, name: "code_execution" as const }];
    const failed = await anthropic.messages.create({
      model: "claude-sonnet-4-5",
      max_tokens: 512,
      messages: [{ role: "user", content: "divide emulate:code-fails" }],
      tools,
    });
    const result = blockOf(failed.content, "code_execution_tool_result");
    expect(result.content).toMatchObject({
      type: "code_execution_result",
      stdout: "",
      stderr: expect.stringContaining("ZeroDivisionError"),
      return_code: 1,
    });
    await anthropic.messages.create({
      model: "claude-sonnet-4-5",
      max_tokens: 512,
      messages: [
        { role: "user", content: "divide" },
        { role: "assistant", content: failed.content as ContentBlockParam[] },
        { role: "user", content: "why?" },
      ],
      tools,
    });
    const sent = topology.emulator.requests().at(-1)?.body as {
      contents: { role: string; parts: Record<string, unknown>[] }[];
    };
    const code = blockOf(failed.content, "server_tool_use").input as { code: string };
    expect(sent.contents[1]?.parts.slice(0, 2)).toEqual([
      { executableCode: { language: "PYTHON", code: code.code } },
      {
        codeExecutionResult: {
          outcome: "OUTCOME_FAILED",
          output: expect.stringContaining("ZeroDivisionError"),
        },
      },
    ]);
  });
});

/**
 * ai 7 runs @ai-sdk/anthropic 3's provider tools (package.json pins both), but their types come
 * from the older @ai-sdk/provider-utils the provider depends on, which ai 7's ToolSet does not accept.
 */
const asToolSet = (tools: Record<string, unknown>) => tools as ToolSet;

describe("@ai-sdk/anthropic: sources and provider-executed tools", () => {
  const provider = () => createAnthropic({ baseURL: `${topology.url}/v1`, apiKey: PASS });

  it("generateText and streamText with web search get the sources and the search's result", async () => {
    const anthropic = provider();
    const options = {
      model: anthropic("claude-sonnet-4-5"),
      prompt: "who won",
      tools: asToolSet({ web_search: anthropic.tools.webSearch_20250305() }),
    };
    const whole = await generateText(options);
    const streamed = streamText(options);
    for (const result of [
      whole,
      { sources: await streamed.sources, steps: await streamed.steps },
    ]) {
      // The AI SDK lists each search result and each citation as a source.
      const urls = result.sources.map((source) => source.sourceType === "url" && source.url);
      expect(urls).toHaveLength(SOURCES.length + 3);
      expect([...new Set(urls)].sort()).toEqual(SOURCES.map((source) => source.url).sort());
      const [step] = result.steps;
      expect(step?.toolCalls).toEqual([
        expect.objectContaining({
          toolName: "web_search",
          providerExecuted: true,
          input: { query: "who won" },
        }),
      ]);
      expect(step?.toolResults[0]?.output).toEqual(
        SOURCES.map((source) => expect.objectContaining({ ...source, type: "web_search_result" })),
      );
    }
    expect(await streamed.text).toBe(whole.text);
  });

  it("generateText with code execution gets the run's result", async () => {
    const anthropic = provider();
    const { steps, text } = await generateText({
      model: anthropic("claude-sonnet-4-5"),
      prompt: "count these letters",
      tools: asToolSet({ code_execution: anthropic.tools.codeExecution_20250825() }),
    });
    expect(text).not.toBe("");
    expect(steps[0]?.toolResults).toEqual([
      expect.objectContaining({
        toolName: "code_execution",
        providerExecuted: true,
        output: expect.objectContaining({
          type: "code_execution_result",
          stdout: "19\n",
          return_code: 0,
        }),
      }),
    ]);
  });
});
