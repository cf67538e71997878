import { describe, expect, it } from "vitest";
import { ApiError } from "../../../../../common/api-error.ts";
import { fromToolCallId } from "../../../../../src/gemini/tool-call-id.ts";
import type { AnthropicStreamEvent } from "../../../../../src/surfaces/anthropic/translate/anthropic-types.ts";
import type { MessageContext } from "../../../../../src/surfaces/anthropic/translate/response.ts";
import { fromGeminiResponse } from "../../../../../src/surfaces/anthropic/translate/response.ts";
import { MessagesStreamTranslator } from "../../../../../src/surfaces/anthropic/translate/stream.ts";
import {
  everyCut,
  geminiEvents,
  readStreamFixture,
} from "../../../../support/gemini-sse-events.ts";

const context: MessageContext = {
  id: "msg_test",
  model: "claude-sonnet-4-5",
  includeThoughts: true,
};

async function replay(name: string, cuts: number[] = [], includeThoughts = true) {
  const translator = new MessagesStreamTranslator({ ...context, includeThoughts });
  const events: AnthropicStreamEvent[] = [];
  for (const event of await geminiEvents(readStreamFixture(name), cuts)) {
    events.push(...translator.push(event));
  }
  const end = translator.end();
  return end instanceof ApiError ? { events, error: end } : { events: [...events, ...end] };
}

const summary = (events: readonly AnthropicStreamEvent[]) =>
  events.map((event) =>
    event.type === "content_block_delta"
      ? `${event.index}:${event.delta.type}`
      : "index" in event
        ? `${event.index}:${event.type}`
        : event.type,
  );

describe("MessagesStreamTranslator", () => {
  it("turns a Gemini 3 thinking + parallel tool call stream into Anthropic's event order", async () => {
    const { events, error } = await replay("thinking-tool-calls.sse");
    expect(error).toBeUndefined();
    expect(summary(events)).toEqual([
      "message_start",
      "0:content_block_start",
      "ping",
      "0:thinking_delta",
      "0:signature_delta",
      "0:content_block_stop",
      "1:content_block_start",
      "1:input_json_delta",
      "1:content_block_stop",
      "2:content_block_start",
      "2:input_json_delta",
      "2:content_block_stop",
      "message_delta",
      "message_stop",
    ]);
    const signature = "CiQBjz1rX2FsaWNlLXNpZ25hdHVyZS0xAAEC/+8=";
    // The step's signature is on the thinking block and inside the first tool_use id.
    expect(events[4]).toEqual({
      type: "content_block_delta",
      index: 0,
      delta: { type: "signature_delta", signature },
    });
    const first = events[6] as Extract<AnthropicStreamEvent, { type: "content_block_start" }>;
    const second = events[9] as Extract<AnthropicStreamEvent, { type: "content_block_start" }>;
    expect(first.content_block).toMatchObject({ type: "tool_use", name: "get_weather", input: {} });
    if (first.content_block.type !== "tool_use" || second.content_block.type !== "tool_use") {
      throw new Error("expected tool_use blocks");
    }
    expect(fromToolCallId(first.content_block.id).signature).toBe(signature);
    expect(fromToolCallId(second.content_block.id).signature).toBeUndefined();
    expect(first.content_block.id).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(first.content_block.id).not.toBe(second.content_block.id);
    expect(events[7]).toEqual({
      type: "content_block_delta",
      index: 1,
      delta: { type: "input_json_delta", partial_json: '{"city":"Москва","unit":"celsius"}' },
    });
    expect(events.at(-2)).toEqual({
      type: "message_delta",
      delta: { stop_reason: "tool_use", stop_sequence: null, stop_details: null, container: null },
      usage: {
        input_tokens: 40,
        output_tokens: 42,
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: 0,
        output_tokens_details: { thinking_tokens: 18 },
        server_tool_use: null,
        service_tier: null,
      },
    });
  });

  it("leaves thoughts out when they were not asked for, keeping the signature in the id", async () => {
    const { events } = await replay("thinking-tool-calls.sse", [], false);
    expect(summary(events).slice(0, 4)).toEqual([
      "message_start",
      "0:content_block_start",
      "ping",
      "0:input_json_delta",
    ]);
    const start = events[1] as Extract<AnthropicStreamEvent, { type: "content_block_start" }>;
    if (start.content_block.type !== "tool_use") throw new Error("expected tool_use");
    expect(fromToolCallId(start.content_block.id).signature).toBeDefined();
  });

  it("gives the same events however the bytes are cut, Cyrillic and emoji included", async () => {
    const bytes = readStreamFixture("multilingual-text.sse");
    const whole = await replay("multilingual-text.sse");
    const text = whole.events
      .map((event) =>
        event.type === "content_block_delta" && event.delta.type === "text_delta"
          ? event.delta.text
          : "",
      )
      .join("");
    expect(text).toContain("Привет, мир!");
    expect(text).toContain("🦔");
    for (const cuts of everyCut(bytes)) {
      expect(await replay("multilingual-text.sse", cuts)).toEqual(whole);
    }
  });

  it("is an error when Gemini ends without a finish reason (a cut-off stream)", async () => {
    const { error } = await replay("cut-short.sse");
    expect(error).toBeInstanceOf(ApiError);
    expect(error?.status).toBe(502);
    expect(error?.message).toMatch(/without a finish reason/);
  });

  it("answers a blocked prompt with an empty message that stops as a refusal", async () => {
    const { events } = await replay("blocked-prompt.sse");
    expect(summary(events)).toEqual(["message_start", "ping", "message_delta", "message_stop"]);
    expect(events.at(-2)).toMatchObject({ delta: { stop_reason: "refusal" } });
  });

  it("streams code execution and Google Search as Anthropic streams server tool blocks", async () => {
    const { events, error } = await replay("search-and-code.sse");
    expect(error).toBeUndefined();
    expect(summary(events)).toEqual([
      "message_start",
      "0:content_block_start",
      "ping",
      "0:input_json_delta",
      "0:content_block_stop",
      "1:content_block_start",
      "1:content_block_stop",
      "2:content_block_start",
      "2:text_delta",
      "2:text_delta",
      "2:citations_delta",
      "2:citations_delta",
      "2:content_block_stop",
      "3:content_block_start",
      "3:input_json_delta",
      "3:content_block_stop",
      "4:content_block_start",
      "4:content_block_stop",
      "message_delta",
      "message_stop",
    ]);
    const start = (index: number) =>
      events.find(
        (event) => event.type === "content_block_start" && event.index === index,
      ) as Extract<AnthropicStreamEvent, { type: "content_block_start" }>;
    expect(start(0).content_block).toEqual({
      type: "server_tool_use",
      id: "srvtoolu_msgtest_0",
      name: "code_execution",
      input: {},
      caller: { type: "direct" },
    });
    expect(events[3]).toMatchObject({
      delta: { type: "input_json_delta", partial_json: '{"code":"print(len(\\"Käse\\"))"}' },
    });
    expect(start(2).content_block).toEqual({ type: "text", text: "" });
    expect(events[10]).toMatchObject({
      delta: {
        type: "citations_delta",
        citation: {
          type: "web_search_result_location",
          url: "https://example.com/kase",
          cited_text: "Käse is cheese.",
        },
      },
    });
    expect(start(3).content_block).toMatchObject({ name: "web_search", input: {} });
    expect(start(4).content_block).toMatchObject({
      type: "web_search_tool_result",
      tool_use_id: "srvtoolu_msgtest_1",
      content: [{ url: "https://example.com/kase" }, { url: "https://example.org/cheese" }],
    });
    expect(events.at(-2)).toMatchObject({
      usage: {
        input_tokens: 42,
        output_tokens: 20,
        server_tool_use: { web_search_requests: 1, web_fetch_requests: 0 },
      },
    });
  });

  it("builds the same blocks streamed as whole (the searches after the text, not before)", async () => {
    const { events } = await replay("search-and-code.sse");
    const built = accumulate(events);
    const gemini = await geminiEvents(readStreamFixture("search-and-code.sse"));
    const whole = fromGeminiResponse(
      {
        ...gemini.at(-1),
        candidates: [
          {
            ...gemini.at(-1)?.candidates?.[0],
            content: {
              role: "model",
              parts: gemini.flatMap((event) => event.candidates?.[0]?.content?.parts ?? []),
            },
          },
        ],
      },
      context,
    );
    const [use, result, text, ...searches] = built;
    expect([...searches, use, result, text]).toEqual(
      whole.content.map((block) =>
        // The whole answer numbers its searches first.
        JSON.parse(
          JSON.stringify(block)
            .replaceAll("srvtoolu_msgtest_0", "swap")
            .replaceAll("srvtoolu_msgtest_1", "srvtoolu_msgtest_0")
            .replaceAll("swap", "srvtoolu_msgtest_1"),
        ),
      ),
    );
  });

  it("gives the same server tool events however the bytes are cut", async () => {
    const whole = await replay("search-and-code.sse");
    for (const cuts of everyCut(readStreamFixture("search-and-code.sse"))) {
      expect(await replay("search-and-code.sse", cuts)).toEqual(whole);
    }
  });
});

/** The blocks a client builds from the events (what @anthropic-ai/sdk's MessageStream does). */
function accumulate(events: readonly AnthropicStreamEvent[]): Record<string, unknown>[] {
  const blocks: Record<string, unknown>[] = [];
  const json = new Map<number, string>();
  for (const event of events) {
    if (event.type === "content_block_start") blocks[event.index] = { ...event.content_block };
    if (event.type === "content_block_delta") {
      const block = blocks[event.index] as Record<string, unknown>;
      const delta = event.delta;
      if (delta.type === "text_delta") block.text = `${block.text}${delta.text}`;
      if (delta.type === "citations_delta") {
        block.citations = [...((block.citations as unknown[]) ?? []), delta.citation];
      }
      if (delta.type === "input_json_delta") {
        json.set(event.index, (json.get(event.index) ?? "") + delta.partial_json);
      }
    }
    if (event.type === "content_block_stop" && json.has(event.index)) {
      (blocks[event.index] as Record<string, unknown>).input = JSON.parse(
        json.get(event.index) ?? "",
      );
    }
  }
  return blocks;
}
