import { describe, expect, it } from "vitest";
import { ApiError } from "../../../../../common/api-error.ts";
import { fromToolCallId } from "../../../../../src/gemini/tool-call-id.ts";
import type { AnthropicStreamEvent } from "../../../../../src/surfaces/anthropic/translate/anthropic-types.ts";
import type { MessageContext } from "../../../../../src/surfaces/anthropic/translate/response.ts";
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
      delta: { stop_reason: "tool_use", stop_sequence: null },
      usage: {
        input_tokens: 40,
        output_tokens: 42,
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: 0,
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
});
