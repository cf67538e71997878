import Anthropic, { type APIError } from "@anthropic-ai/sdk";
import type { MessageParam, Tool } from "@anthropic-ai/sdk/resources/messages";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { PASS, shardKeys, startTopology, type Topology } from "../../support/topology.ts";

let topology: Topology;
let client: Anthropic;

beforeAll(async () => {
  topology = await startTopology({
    shards: shardKeys([2, 1]),
    backendBindings: { ANTHROPIC_MODEL_MAP: JSON.stringify({ haiku: "gemini-2.5-flash-lite" }) },
  });
  // A timeout of its own: the SDK refuses non-streaming calls whose max_tokens suggest a long wait.
  client = new Anthropic({ baseURL: topology.url, apiKey: PASS, maxRetries: 0, timeout: 60_000 });
});
afterAll(() => topology.close());
afterEach(() => topology.emulator.reset());

const PIXEL_PNG =
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

const weather: Tool = {
  name: "get_weather",
  description: "The weather in a city",
  input_schema: {
    type: "object",
    properties: { city: { type: "string" }, unit: { type: "string", enum: ["c", "f"] } },
    required: ["city"],
    additionalProperties: false,
  },
};

/** The Gemini request bodies the emulator saw for generate calls, oldest first. */
function generateBodies() {
  return topology.emulator
    .requests()
    .filter((request) => /:(stream)?generateContent/i.test(request.path))
    .map((request) => ({ path: request.path, body: request.body as Record<string, unknown> }));
}

describe("Anthropic SDK: messages.create", () => {
  it("answers with Gemini's text, the requested model name, end_turn and usage", async () => {
    const message = await client.messages.create({
      model: "claude-sonnet-4-5-20250929",
      max_tokens: 1024,
      system: "Be brief.",
      messages: [{ role: "user", content: "hello there" }],
    });
    expect(message.type).toBe("message");
    expect(message.role).toBe("assistant");
    expect(message.model).toBe("claude-sonnet-4-5-20250929");
    expect(message.id).toMatch(/^msg_/);
    expect(message.content).toEqual([{ type: "text", text: "Echo: hello there" }]);
    expect(message.stop_reason).toBe("end_turn");
    expect(message.stop_sequence).toBeNull();
    expect(message.usage.input_tokens).toBeGreaterThan(0);
    // Three answer words plus gemini-3.8-flash's own thoughts.
    expect(message.usage.output_tokens).toBeGreaterThan(3);
    const [call] = generateBodies();
    // sonnet → the strongest free-tier Flash by default; the system prompt becomes systemInstruction.
    expect(call?.path).toContain("/models/gemini-3.8-flash:generateContent");
    expect(JSON.stringify(call?.body.systemInstruction)).toContain("Be brief.");
  });

  it("maps claude names through ANTHROPIC_MODEL_MAP and passes Gemini ids as they are", async () => {
    await client.messages.create({
      model: "claude-haiku-4-5",
      max_tokens: 100,
      messages: [{ role: "user", content: "hi" }],
    });
    await client.messages.create({
      model: "gemini-3-flash-preview",
      max_tokens: 100,
      messages: [{ role: "user", content: "hi" }],
    });
    const paths = generateBodies().map((call) => call.path);
    expect(paths[0]).toContain("/models/gemini-2.5-flash-lite:generateContent");
    expect(paths[1]).toContain("/models/gemini-3-flash-preview:generateContent");
  });

  it("sends images (base64) to Gemini as inline data", async () => {
    const message = await client.messages.create({
      model: "gemini-2.5-flash",
      max_tokens: 100,
      messages: [
        {
          role: "user",
          content: [
            { type: "text", text: "what is this" },
            { type: "image", source: { type: "base64", media_type: "image/png", data: PIXEL_PNG } },
          ],
        },
      ],
    });
    expect(message.content[0]).toEqual({
      type: "text",
      text: "Echo: what is this [image/png 70 bytes]",
    });
  });

  it("returns thinking blocks with a signature, and accepts them back in the next turn", async () => {
    const first = await client.messages.create({
      model: "claude-sonnet-4-5",
      max_tokens: 32_000,
      thinking: { type: "enabled", budget_tokens: 31_999 },
      messages: [{ role: "user", content: "think about it" }],
    });
    expect(first.content.map((block) => block.type)).toEqual(["thinking", "text"]);
    const thinking = first.content[0] as Anthropic.ThinkingBlock;
    expect(thinking.thinking).toBe("Thinking about: think about it");
    expect(thinking.signature).not.toBe("");
    // 31,999 is the deepest Claude Code asks for: XHIGH, and gemini-3.8-flash's nearest is HIGH.
    const [call] = generateBodies();
    expect(call?.body.generationConfig).toMatchObject({
      maxOutputTokens: 32_000,
      thinkingConfig: { includeThoughts: true, thinkingLevel: "HIGH" },
    });
    const second = await client.messages.create({
      model: "claude-sonnet-4-5",
      max_tokens: 32_000,
      thinking: { type: "enabled", budget_tokens: 31_999 },
      messages: [
        { role: "user", content: "think about it" },
        { role: "assistant", content: first.content },
        { role: "user", content: "and again" },
      ],
    });
    expect(second.content.at(-1)).toEqual({ type: "text", text: "Echo: and again" });
  });

  it("clamps a thinking budget to the target model's range", async () => {
    await client.messages.create({
      model: "claude-haiku-4-5",
      max_tokens: 32_000,
      thinking: { type: "enabled", budget_tokens: 31_999 },
      messages: [{ role: "user", content: "hi" }],
    });
    const [call] = generateBodies();
    expect(call?.path).toContain("gemini-2.5-flash-lite");
    expect(call?.body.generationConfig).toMatchObject({
      thinkingConfig: { includeThoughts: true, thinkingBudget: 24_576 },
    });
  });

  it("accepts what Claude Code adds: context_management, cache_control, defer_loading, thinking.display, billing header", async () => {
    const body = {
      model: "claude-opus-4-1",
      max_tokens: 32_000,
      system: [
        { type: "text", text: "x-anthropic-billing-header: cc_version=2.1.0; cc_entrypoint=cli" },
        { type: "text", text: "You are Claude Code.", cache_control: { type: "ephemeral" } },
      ],
      messages: [
        {
          role: "user",
          content: [{ type: "text", text: "hello", cache_control: { type: "ephemeral" } }],
        },
      ],
      tools: [{ ...weather, defer_loading: false, cache_control: { type: "ephemeral" } }],
      thinking: { type: "enabled", budget_tokens: 31_999, display: "summarized" },
      context_management: { edits: [{ type: "clear_thinking_20251015", keep: "all" }] },
      metadata: { user_id: "user_abc" },
      stream: false,
    };
    const response = await fetch(`${topology.url}/v1/messages?beta=true`, {
      method: "POST",
      headers: {
        "x-api-key": PASS,
        "anthropic-version": "2023-06-01",
        "anthropic-beta": "claude-code-20250219,interleaved-thinking-2025-05-14,not-a-real-beta",
        "content-type": "application/json",
      },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(200);
    const message = (await response.json()) as Anthropic.Message;
    expect(message.content.at(-1)).toEqual({ type: "text", text: "Echo: hello" });
  });
});

describe("Anthropic SDK: streaming", () => {
  it("messages.stream() builds the same message finalMessage() returns", async () => {
    const stream = client.messages.stream({
      model: "claude-haiku-4-5",
      max_tokens: 1000,
      thinking: { type: "enabled", budget_tokens: 2000 },
      messages: [{ role: "user", content: "stream me a few words please" }],
    });
    let text = "";
    stream.on("text", (delta) => {
      text += delta;
    });
    const message = await stream.finalMessage();
    expect(message.content.map((block) => block.type)).toEqual(["thinking", "text"]);
    expect(text).toBe("Echo: stream me a few words please");
    expect(message.content[1]).toMatchObject({ type: "text", text });
    expect((message.content[0] as Anthropic.ThinkingBlock).signature).not.toBe("");
    expect(message.stop_reason).toBe("end_turn");
    expect(message.usage.output_tokens).toBeGreaterThan(0);
    expect(message.usage.input_tokens).toBeGreaterThan(0);
  });

  it("sends Anthropic's exact event sequence, event by event", async () => {
    const response = await fetch(`${topology.url}/v1/messages`, {
      method: "POST",
      headers: {
        "x-api-key": PASS,
        "anthropic-version": "2023-06-01",
        "content-type": "application/json",
      },
      body: JSON.stringify({
        model: "gemini-2.5-flash",
        max_tokens: 1000,
        stream: true,
        thinking: { type: "enabled", budget_tokens: 1024 },
        messages: [{ role: "user", content: "four words right here" }],
      }),
    });
    expect(response.headers.get("content-type")).toContain("text/event-stream");
    const events = parseSse(await response.text());
    for (const event of events) expect(event.data.type).toBe(event.event);
    const summary = events.map(({ data }) =>
      data.type === "content_block_delta"
        ? `${data.type}:${data.index}:${(data.delta as { type: string }).type}`
        : "index" in data
          ? `${data.type}:${data.index}`
          : data.type,
    );
    expect(summary).toEqual([
      "message_start",
      "content_block_start:0",
      "ping",
      "content_block_delta:0:thinking_delta",
      "content_block_delta:0:signature_delta",
      "content_block_stop:0",
      "content_block_start:1",
      ...Array(4).fill("content_block_delta:1:text_delta"),
      "content_block_stop:1",
      "message_delta",
      "message_stop",
    ]);
    expect(events[0]?.data.message).toMatchObject({
      type: "message",
      role: "assistant",
      content: [],
      model: "gemini-3.5-flash-lite",
      stop_reason: null,
    });
    expect(events[1]?.data.content_block).toEqual({
      type: "thinking",
      thinking: "",
      signature: "",
    });
    expect(events.at(-2)?.data).toMatchObject({
      delta: { stop_reason: "end_turn", stop_sequence: null },
      usage: { output_tokens: expect.any(Number), input_tokens: 4 },
    });
  });

  it("hands the SDK's raw event iterator the same events (the SDK drops the ping)", async () => {
    const stream = await client.messages.create({
      model: "gemini-2.5-flash",
      max_tokens: 1000,
      stream: true,
      messages: [{ role: "user", content: "two words" }],
    });
    const types: string[] = [];
    for await (const event of stream) types.push(event.type);
    expect(types).toEqual([
      "message_start",
      "content_block_start",
      ...Array(3).fill("content_block_delta"),
      "content_block_stop",
      "message_delta",
      "message_stop",
    ]);
  });

  it("streams a tool call as tool_use with input_json_delta and stop_reason tool_use", async () => {
    const stream = client.messages.stream({
      model: "gemini-3.1-pro-preview",
      max_tokens: 1000,
      tools: [weather],
      messages: [{ role: "user", content: "call get_weather" }],
    });
    const types: string[] = [];
    stream.on("streamEvent", (event) => {
      types.push(event.type === "content_block_delta" ? event.delta.type : event.type);
    });
    const message = await stream.finalMessage();
    expect(types).toContain("input_json_delta");
    expect(message.stop_reason).toBe("tool_use");
    const toolUse = message.content[0] as Anthropic.ToolUseBlock;
    expect(toolUse).toMatchObject({
      type: "tool_use",
      name: "get_weather",
      input: { city: "echo" },
    });
    expect(toolUse.id).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it("turns a failure after the first event into an error event the SDK throws", async () => {
    for (const key of topology.shards.flat()) {
      topology.emulator.setKeyBehavior(key, { kind: "error-in-stream", afterChunks: 1 });
    }
    const stream = client.messages.stream({
      model: "gemini-2.5-flash",
      max_tokens: 1000,
      messages: [{ role: "user", content: "one two three four five six seven eight" }],
    });
    const error = await stream.finalMessage().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Anthropic.APIError);
    expect(String((error as Error).message)).toMatch(/mid-stream/);
  });
});

describe("Anthropic SDK: a Gemini 3 tool loop", () => {
  it("runs 50 tool turns with thinking and never loses a thought signature", async () => {
    const messages: MessageParam[] = [];
    for (let turn = 0; turn < 50; turn++) {
      messages.push({ role: "user", content: `turn ${turn}: call get_weather` });
      const call = await client.messages.create({
        model: "gemini-3.1-pro-preview",
        max_tokens: 2000,
        thinking: { type: "enabled", budget_tokens: 4000 },
        tools: [weather],
        messages,
      });
      expect(call.stop_reason).toBe("tool_use");
      messages.push({ role: "assistant", content: call.content });
      const toolUse = call.content.find((block) => block.type === "tool_use");
      if (!toolUse) throw new Error("no tool_use block");
      messages.push({
        role: "user",
        content: [
          { type: "tool_result", tool_use_id: toolUse.id, content: `sunny ${turn}` },
          { type: "text", text: "<system-reminder>keep going</system-reminder>" },
        ],
      });
      const answer = await client.messages.create({
        model: "gemini-3.1-pro-preview",
        max_tokens: 2000,
        thinking: { type: "enabled", budget_tokens: 4000 },
        tools: [weather],
        messages,
      });
      expect(answer.stop_reason).toBe("end_turn");
      expect(answer.content.at(-1)).toMatchObject({ type: "text" });
      expect((answer.content.at(-1) as Anthropic.TextBlock).text).toContain(`sunny ${turn}`);
      messages.push({ role: "assistant", content: answer.content });
    }
    // Every replayed call carried Gemini's own signature, not the placeholder.
    const last = generateBodies().at(-1)?.body as {
      contents: { role: string; parts: { functionCall?: unknown; thoughtSignature?: string }[] }[];
    };
    const calls = last.contents.flatMap((content) =>
      content.parts.filter((part) => part.functionCall),
    );
    expect(calls).toHaveLength(50);
    for (const part of calls) {
      expect(part.thoughtSignature).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    }
  });

  it("falls back to Google's placeholder for a tool_use id that carries no signature", async () => {
    const message = await client.messages.create({
      model: "gemini-3-flash-preview",
      max_tokens: 1000,
      tools: [weather],
      messages: [
        { role: "user", content: "call get_weather" },
        {
          role: "assistant",
          content: [
            {
              type: "tool_use",
              id: "toolu_01A09q90qw90lq917835lq9",
              name: "get_weather",
              input: { city: "Paris" },
            },
          ],
        },
        {
          role: "user",
          content: [
            {
              type: "tool_result",
              tool_use_id: "toolu_01A09q90qw90lq917835lq9",
              content: [{ type: "text", text: "rainy" }],
              is_error: false,
            },
          ],
        },
      ],
    });
    expect(message.content).toEqual([{ type: "text", text: 'Tool said: {"output":"rainy"}' }]);
    const body = generateBodies()[0]?.body as {
      contents: { parts: { thoughtSignature?: string }[] }[];
    };
    expect(body.contents[1]?.parts[0]?.thoughtSignature).toBe("skip_thought_signature_validator");
  });
});

describe("Anthropic SDK: countTokens", () => {
  it("returns Gemini's real count for the conversation, system prompt and tools", async () => {
    const count = await client.messages.countTokens({
      model: "claude-sonnet-4-5",
      system: "one two three",
      messages: [{ role: "user", content: "four five" }],
      tools: [weather],
    });
    expect(count.input_tokens).toBe(5);
    const request = topology.emulator
      .requests()
      .find((entry) => entry.path.includes(":countTokens"));
    expect(request?.path).toContain("/models/gemini-3.8-flash:countTokens");
  });

  it("a rate-limited count is a RateLimitError that parks no key for generating", async () => {
    for (const key of topology.shards.flat()) {
      topology.emulator.setKeyBehavior(key, { kind: "rate-limit", retryDelaySeconds: 30 });
    }
    const error = await client.messages
      .countTokens({ model: "gemini-2.5-flash-lite", messages: [{ role: "user", content: "hi" }] })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Anthropic.RateLimitError);
    topology.emulator.reset();
    const message = await client.messages.create({
      model: "gemini-2.5-flash-lite",
      max_tokens: 100,
      messages: [{ role: "user", content: "still here" }],
    });
    expect(message.content[0]).toEqual({ type: "text", text: "Echo: still here" });
  });

  it("is an error, never a made-up 0, when Gemini cannot count", async () => {
    for (const key of topology.shards.flat()) {
      topology.emulator.setKeyBehavior(key, { kind: "internal" });
    }
    const error = await client.messages
      .countTokens({ model: "claude-sonnet-4-5", messages: [{ role: "user", content: "hi" }] })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Anthropic.InternalServerError);
  });
});

describe("Anthropic SDK: typed errors in Anthropic's shape", () => {
  it("a wrong key is an AuthenticationError (from the orchestrator)", async () => {
    const wrong = new Anthropic({ baseURL: topology.url, apiKey: "wrong", maxRetries: 0 });
    const error = await wrong.messages
      .create({
        model: "claude-sonnet-4-5",
        max_tokens: 10,
        messages: [{ role: "user", content: "hi" }],
      })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Anthropic.AuthenticationError);
    expect((error as APIError).error).toMatchObject({
      type: "error",
      error: { type: "authentication_error" },
    });
  });

  it("a bearer token (ANTHROPIC_AUTH_TOKEN) is accepted too", async () => {
    const bearer = new Anthropic({
      baseURL: topology.url,
      authToken: PASS,
      apiKey: null,
      maxRetries: 0,
    });
    const message = await bearer.messages.create({
      model: "claude-sonnet-4-5",
      max_tokens: 10,
      messages: [{ role: "user", content: "hi" }],
    });
    expect(message.content[0]).toEqual({ type: "text", text: "Echo: hi" });
  });

  it("bad input is a BadRequestError naming the field", async () => {
    const error = await client.messages
      .create({
        model: "claude-sonnet-4-5",
        max_tokens: 10,
        messages: [
          {
            role: "user",
            content: [
              { type: "image", source: { type: "base64", media_type: "image/png", data: "@@" } },
            ],
          },
        ],
      })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Anthropic.BadRequestError);
    expect((error as APIError).error).toMatchObject({
      type: "error",
      error: {
        type: "invalid_request_error",
        message: expect.stringContaining("messages.0.content.0.source.data"),
      },
    });
  });

  it("every key rate-limited is a RateLimitError with retry-after", async () => {
    for (const key of topology.shards.flat()) {
      topology.emulator.setKeyBehavior(key, { kind: "rate-limit", retryDelaySeconds: 7 });
    }
    const error = await client.messages
      .create({
        // A model of its own: the pool parks (key, model) pairs.
        model: "gemini-2.0-flash",
        max_tokens: 10,
        messages: [{ role: "user", content: "hi" }],
      })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Anthropic.RateLimitError);
    const apiError = error as APIError;
    expect(apiError.headers?.get("retry-after")).toBe("7");
    expect(apiError.error).toMatchObject({ type: "error", error: { type: "rate_limit_error" } });
  });

  it("every key overloaded is a 529 overloaded_error", async () => {
    for (const key of topology.shards.flat()) {
      topology.emulator.setKeyBehavior(key, { kind: "unavailable" });
    }
    const error = await client.messages
      .create({
        model: "gemini-2.0-flash-lite",
        max_tokens: 10,
        messages: [{ role: "user", content: "hi" }],
      })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Anthropic.OverloadedError);
    expect((error as APIError).status).toBe(529);
    expect((error as APIError).error).toMatchObject({
      error: { type: "overloaded_error" },
    });
  });
});

/** `event:` / `data:` pairs of an Anthropic SSE body. */
function parseSse(text: string) {
  return text
    .split("\n\n")
    .filter((block) => block.trim() !== "")
    .map((block) => {
      const event = /^event: (.+)$/m.exec(block)?.[1] ?? "";
      const data = JSON.parse(/^data: (.+)$/m.exec(block)?.[1] ?? "null") as Record<
        string,
        unknown
      > & {
        type: string;
      };
      return { event, data };
    });
}
