import { describe, expect, it } from "vitest";
import type { ApiError } from "../../../../../common/api-error.ts";
import { parseChatRequest } from "../../../../../src/surfaces/openai/validate/chat-request.ts";
import { parseEmbeddingRequest } from "../../../../../src/surfaces/openai/validate/embedding-request.ts";

function rejection(parse: (body: unknown) => unknown, body: unknown) {
  try {
    parse(body);
  } catch (caught) {
    const error = caught as ApiError;
    return { status: error.status, param: error.param, message: error.message };
  }
  throw new Error("expected the body to be rejected");
}

const chat = (extra: Record<string, unknown>) => ({
  model: "gemini-2.5-flash",
  messages: [{ role: "user", content: "Hi" }],
  ...extra,
});

describe("parseChatRequest", () => {
  it("accepts a full OpenAI request and keeps the fields it does not use", () => {
    const body = chat({
      messages: [
        { role: "system", content: "rules" },
        {
          role: "user",
          content: [
            { type: "text", text: "hi" },
            { type: "image_url", image_url: { url: "https://x/y.png", detail: "low" } },
          ],
        },
        {
          role: "assistant",
          content: null,
          tool_calls: [
            {
              id: "c1",
              type: "function",
              function: { name: "f", arguments: "{}" },
              extra_content: { google: { thought_signature: "c2ln" } },
            },
          ],
        },
        { role: "tool", tool_call_id: "c1", content: "ok" },
      ],
      tools: [{ type: "function", function: { name: "f", parameters: { type: "object" } } }],
      tool_choice: { type: "function", function: { name: "f" } },
      stream: true,
      stream_options: { include_usage: true },
      temperature: 0,
      stop: ["a", "b"],
      n: 1,
      user: "u-1",
      metadata: { any: "thing" },
      google: { thinking_config: { thinking_budget: 0 }, cached_content: "cachedContents/x" },
    });
    expect(parseChatRequest(body)).toEqual(body);
  });

  it('answers 400 naming "messages" when it is missing', () => {
    expect(rejection(parseChatRequest, { model: "m" })).toMatchInlineSnapshot(`
      {
        "message": "Missing required parameter: 'messages'.",
        "param": "messages",
        "status": 400,
      }
    `);
  });

  it('answers 400 naming "messages" when it is empty', () => {
    expect(rejection(parseChatRequest, chat({ messages: [] })).param).toBe("messages");
  });

  it("answers 400 naming messages[0].role for an unknown role", () => {
    expect(
      rejection(parseChatRequest, chat({ messages: [{ role: "bot", content: "x" }] })),
    ).toMatchInlineSnapshot(`
      {
        "message": "Invalid value for 'messages[0].role': expected ("system" | "developer" | "user" | "assistant" | "tool" | "function"), received "bot".",
        "param": "messages[0].role",
        "status": 400,
      }
    `);
  });

  it("answers 400 naming the content part type for an unknown part", () => {
    const body = chat({ messages: [{ role: "user", content: [{ type: "video", url: "x" }] }] });
    expect(rejection(parseChatRequest, body).param).toBe("messages[0].content[0].type");
  });

  it("answers 400 naming tool_call_id when a tool message lacks it", () => {
    const body = chat({
      messages: [
        { role: "user", content: "x" },
        { role: "tool", content: "y" },
      ],
    });
    expect(rejection(parseChatRequest, body)).toMatchObject({
      param: "messages[1].tool_call_id",
      message: "Missing required parameter: 'messages[1].tool_call_id'.",
    });
  });

  it.each([
    [{ temperature: 3 }, "temperature"],
    [{ top_p: -0.1 }, "top_p"],
    [{ n: 0 }, "n"],
    [{ n: 1.5 }, "n"],
    [{ max_tokens: 0 }, "max_tokens"],
    [{ presence_penalty: 2.5 }, "presence_penalty"],
    [{ stop: ["1", "2", "3", "4", "5", "6"] }, "stop"],
    [{ tool_choice: "sometimes" }, "tool_choice"],
    [{ tools: [{ type: "function", function: { name: "has space" } }] }, "tools[0].function.name"],
    [{ response_format: { type: "yaml" } }, "response_format.type"],
    [{ reasoning_effort: "extreme" }, "reasoning_effort"],
    [{ stream: "yes" }, "stream"],
  ])("answers 400 for %j naming %s", (extra, param) => {
    expect(rejection(parseChatRequest, chat(extra))).toMatchObject({ status: 400, param });
  });

  it("answers 400 when the body is not a JSON object", () => {
    expect(rejection(parseChatRequest, [1, 2])).toMatchObject({ status: 400, param: null });
  });
});

describe("parseEmbeddingRequest", () => {
  it("accepts a string or an array of strings", () => {
    expect(parseEmbeddingRequest({ model: "m", input: "x", encoding_format: "base64" })).toEqual({
      model: "m",
      input: "x",
      encoding_format: "base64",
    });
    expect(parseEmbeddingRequest({ model: "m", input: ["a", "b"], dimensions: 8 }).input).toEqual([
      "a",
      "b",
    ]);
  });

  it("answers 400 naming input for token arrays: Gemini takes text only", () => {
    expect(
      rejection(parseEmbeddingRequest, { model: "m", input: [1, 2, 3] }),
    ).toMatchInlineSnapshot(`
      {
        "message": "Invalid value for 'input': Gemini embeds text only; send a string or an array of strings, not tokens.",
        "param": "input",
        "status": 400,
      }
    `);
    expect(rejection(parseEmbeddingRequest, { model: "m", input: [[1, 2]] }).param).toBe("input");
  });

  it.each([
    [{ input: "x" }, "model"],
    [{ model: "m" }, "input"],
    [{ model: "m", input: [] }, "input"],
    [{ model: "m", input: "x", dimensions: 0 }, "dimensions"],
    [{ model: "m", input: "x", encoding_format: "int8" }, "encoding_format"],
  ])("answers 400 for %j naming %s", (body, param) => {
    expect(rejection(parseEmbeddingRequest, body)).toMatchObject({ status: 400, param });
  });
});

describe("bounded numbers and names (Gemini's int32 fields and function-name rule)", () => {
  const INT32_MAX = 2_147_483_647;

  it.each([
    [{ max_tokens: INT32_MAX + 1 }, "max_tokens"],
    [{ max_tokens: 1e300 }, "max_tokens"],
    [{ max_completion_tokens: INT32_MAX + 1 }, "max_completion_tokens"],
    [{ max_completion_tokens: 0 }, "max_completion_tokens"],
    [{ n: 9 }, "n"],
    [{ seed: INT32_MAX + 1 }, "seed"],
    [{ seed: -INT32_MAX - 2 }, "seed"],
    [{ seed: 1.5 }, "seed"],
    [{ top_logprobs: 21 }, "top_logprobs"],
    [{ top_logprobs: -1 }, "top_logprobs"],
    [{ top_logprobs: "5" }, "top_logprobs"],
    [{ tools: [{ type: "function", function: { name: "" } }] }, "tools[0].function.name"],
    [
      { tools: [{ type: "function", function: { name: "a".repeat(65) } }] },
      "tools[0].function.name",
    ],
    [{ tools: [{ type: "function", function: { name: "1abc" } }] }, "tools[0].function.name"],
    [{ tools: [{ type: "function", function: { name: "a/b" } }] }, "tools[0].function.name"],
    [{ tools: [{ type: "function", function: { name: "naïve" } }] }, "tools[0].function.name"],
    [{ tool_choice: { type: "function", function: { name: "" } } }, "tool_choice.function.name"],
  ])("answers 400 for %j naming %s", (extra, param) => {
    expect(rejection(parseChatRequest, chat(extra))).toMatchObject({ status: 400, param });
  });

  it.each([
    [{ max_tokens: INT32_MAX, max_completion_tokens: INT32_MAX }],
    [{ n: 8, seed: -2_147_483_648, top_logprobs: 20, logprobs: true }],
    [{ seed: INT32_MAX, top_logprobs: 0 }],
    [{ tools: [{ type: "function", function: { name: `_${"a".repeat(63)}` } }] }],
    [{ tools: [{ type: "function", function: { name: "ns.get:item-1" } }] }],
  ])("accepts the edges of the ranges: %j", (extra) => {
    expect(() => parseChatRequest(chat(extra))).not.toThrow();
  });

  it.each([
    [
      "an assistant tool call",
      {
        role: "assistant",
        content: null,
        tool_calls: [{ id: "c1", type: "function", function: { name: "", arguments: "{}" } }],
      },
      "messages[1].tool_calls[0].function.name",
    ],
    [
      "an assistant function_call",
      { role: "assistant", content: null, function_call: { name: "", arguments: "{}" } },
      "messages[1].function_call.name",
    ],
    ["a function-role message", { role: "function", name: "", content: "ok" }, "messages[1].name"],
  ])("answers 400 for an empty name in %s", (_label, message, param) => {
    const body = chat({ messages: [{ role: "user", content: "x" }, message] });
    expect(rejection(parseChatRequest, body)).toMatchObject({ status: 400, param });
  });
});

describe("embedding bounds", () => {
  it.each([
    [{ model: "m", input: "x", dimensions: 3073 }, "dimensions"],
    [{ model: "m", input: "" }, "input"],
    [{ model: "m", input: ["a", ""] }, "input[1]"],
  ])("answers 400 for %j naming %s", (body, param) => {
    expect(rejection(parseEmbeddingRequest, body)).toMatchObject({ status: 400, param });
  });

  it("accepts 3072 dimensions", () => {
    expect(parseEmbeddingRequest({ model: "m", input: "x", dimensions: 3072 }).dimensions).toBe(
      3072,
    );
  });
});
