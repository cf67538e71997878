import { describe, expect, it } from "vitest";
import { fromToolCallId } from "../../../../../src/gemini/tool-call-id.ts";
import {
  ChatStreamTranslator,
  type StreamContext,
} from "../../../../../src/surfaces/openai/translate/chat-stream.ts";
import { readStreamFixture, replayAtEveryCut, replaySse } from "./replay-sse.ts";

const context: StreamContext = {
  id: "chatcmpl-test",
  model: "gemini-2.5-flash",
  created: 1_700_000_000,
  includeThoughts: false,
  includeUsage: false,
};

const contentOf = (chunks: { choices: { delta: { content?: string | null } }[] }[]) =>
  chunks.map((chunk) => chunk.choices[0]?.delta.content ?? "").join("");

describe("ChatStreamTranslator", () => {
  it("streams Cyrillic and emoji text: role chunk first, deltas, finish held until the end", async () => {
    const { chunks, error } = await replaySse(readStreamFixture("multilingual-text.sse"), context);
    expect(error).toBeUndefined();
    expect(chunks.map((chunk) => chunk.choices[0])).toMatchInlineSnapshot(`
      [
        {
          "delta": {
            "content": "",
            "role": "assistant",
          },
          "finish_reason": null,
          "index": 0,
          "logprobs": null,
        },
        {
          "delta": {
            "content": "Привет, мир! ",
          },
          "finish_reason": null,
          "index": 0,
          "logprobs": null,
        },
        {
          "delta": {
            "content": "Ёжик в тумане 🦔🌫️, ",
          },
          "finish_reason": null,
          "index": 0,
          "logprobs": null,
        },
        {
          "delta": {
            "content": "日本語も大丈夫 👍🏽.",
          },
          "finish_reason": null,
          "index": 0,
          "logprobs": null,
        },
        {
          "delta": {},
          "finish_reason": "stop",
          "index": 0,
          "logprobs": null,
        },
      ]
    `);
    expect(contentOf(chunks)).toBe("Привет, мир! Ёжик в тумане 🦔🌫️, 日本語も大丈夫 👍🏽.");
    for (const chunk of chunks) {
      expect(chunk).toMatchObject({
        id: "chatcmpl-test",
        object: "chat.completion.chunk",
        created: 1_700_000_000,
        model: "gemini-2.5-flash",
      });
      expect(chunk).not.toHaveProperty("usage");
    }
  });

  it.each([
    "multilingual-text.sse",
    "thinking-tool-calls.sse",
    "cut-short.sse",
    "blocked-prompt.sse",
    "two-candidates.sse",
  ])(
    "gives identical output for %s however the bytes are cut (mid-line, mid-UTF-8)",
    async (name) => {
      const bytes = readStreamFixture(name);
      const streamContext = { ...context, includeThoughts: true, includeUsage: true };
      const whole = await replaySse(bytes, streamContext);
      expect(whole.chunks.length + (whole.error ? 1 : 0)).toBeGreaterThan(0);
      for (const result of await replayAtEveryCut(bytes, streamContext)) {
        expect(result).toEqual(whole);
      }
    },
  );

  it("emits reasoning_content and indexed tool calls, finishing as tool_calls despite Gemini's STOP", async () => {
    const bytes = readStreamFixture("thinking-tool-calls.sse");
    const { chunks } = await replaySse(bytes, {
      ...context,
      model: "gemini-3-flash-preview",
      includeThoughts: true,
      includeUsage: true,
    });
    expect(chunks).toMatchInlineSnapshot(`
      [
        {
          "choices": [
            {
              "delta": {
                "content": "",
                "role": "assistant",
              },
              "finish_reason": null,
              "index": 0,
              "logprobs": null,
            },
          ],
          "created": 1700000000,
          "id": "chatcmpl-test",
          "model": "gemini-3-flash-preview",
          "object": "chat.completion.chunk",
          "usage": null,
        },
        {
          "choices": [
            {
              "delta": {
                "reasoning_content": "**Planning** I need the weather in two cities — Москва and Tōkyō.",
              },
              "finish_reason": null,
              "index": 0,
              "logprobs": null,
            },
          ],
          "created": 1700000000,
          "id": "chatcmpl-test",
          "model": "gemini-3-flash-preview",
          "object": "chat.completion.chunk",
          "usage": null,
        },
        {
          "choices": [
            {
              "delta": {
                "tool_calls": [
                  {
                    "extra_content": {
                      "google": {
                        "thought_signature": "CiQBjz1rX2FsaWNlLXNpZ25hdHVyZS0xAAEC/+8=",
                      },
                    },
                    "function": {
                      "arguments": "{"city":"Москва","unit":"celsius"}",
                      "name": "get_weather",
                    },
                    "id": "call_chatcmpltest_0_0__ts_bCiQBjz1rX2FsaWNlLXNpZ25hdHVyZS0xAAEC_-8",
                    "index": 0,
                    "type": "function",
                  },
                ],
              },
              "finish_reason": null,
              "index": 0,
              "logprobs": null,
            },
          ],
          "created": 1700000000,
          "id": "chatcmpl-test",
          "model": "gemini-3-flash-preview",
          "object": "chat.completion.chunk",
          "usage": null,
        },
        {
          "choices": [
            {
              "delta": {
                "tool_calls": [
                  {
                    "function": {
                      "arguments": "{"city":"東京","unit":"celsius"}",
                      "name": "get_weather",
                    },
                    "id": "call_chatcmpltest_0_1",
                    "index": 1,
                    "type": "function",
                  },
                ],
              },
              "finish_reason": null,
              "index": 0,
              "logprobs": null,
            },
          ],
          "created": 1700000000,
          "id": "chatcmpl-test",
          "model": "gemini-3-flash-preview",
          "object": "chat.completion.chunk",
          "usage": null,
        },
        {
          "choices": [
            {
              "delta": {},
              "finish_reason": "tool_calls",
              "index": 0,
              "logprobs": null,
            },
          ],
          "created": 1700000000,
          "id": "chatcmpl-test",
          "model": "gemini-3-flash-preview",
          "object": "chat.completion.chunk",
          "usage": null,
        },
        {
          "choices": [],
          "created": 1700000000,
          "id": "chatcmpl-test",
          "model": "gemini-3-flash-preview",
          "object": "chat.completion.chunk",
          "usage": {
            "completion_tokens": 42,
            "completion_tokens_details": {
              "reasoning_tokens": 18,
            },
            "prompt_tokens": 40,
            "prompt_tokens_details": {
              "cached_tokens": 0,
            },
            "total_tokens": 82,
          },
        },
      ]
    `);
  });

  it("carries the thought signature in the tool call id and extra_content", async () => {
    const bytes = readStreamFixture("thinking-tool-calls.sse");
    const { chunks } = await replaySse(bytes, context);
    const calls = chunks.flatMap((chunk) => chunk.choices[0]?.delta.tool_calls ?? []);
    expect(calls.map((call) => call.index)).toEqual([0, 1]);
    const [first, second] = calls as { id: string; extra_content?: unknown }[];
    expect(first?.extra_content).toEqual({
      google: { thought_signature: "CiQBjz1rX2FsaWNlLXNpZ25hdHVyZS0xAAEC/+8=" },
    });
    expect(fromToolCallId(first?.id ?? "").signature).toBe(
      "CiQBjz1rX2FsaWNlLXNpZ25hdHVyZS0xAAEC/+8=",
    );
    expect(second?.extra_content).toBeUndefined();
    expect(fromToolCallId(second?.id ?? "").signature).toBeUndefined();
    expect(first?.id).not.toBe(second?.id);
  });

  it("hides thoughts when includeThoughts is off", async () => {
    const { chunks } = await replaySse(readStreamFixture("thinking-tool-calls.sse"), context);
    expect(chunks.some((chunk) => "reasoning_content" in (chunk.choices[0]?.delta ?? {}))).toBe(
      false,
    );
  });

  it("reports a stream that ends without a finish reason as a 502 error, not as stop", async () => {
    const { chunks, error } = await replaySse(readStreamFixture("cut-short.sse"), context);
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBeNull();
    expect(chunks.some((chunk) => chunk.choices[0]?.finish_reason)).toBe(false);
    expect(error?.status).toBe(502);
    expect(error?.toJSON()).toMatchInlineSnapshot(`
      {
        "error": {
          "code": "upstream_stream_incomplete",
          "message": "Gemini ended the stream without a finish reason.",
          "param": null,
          "type": "api_error",
        },
      }
    `);
  });

  it("reports a blocked prompt as one content_filter choice with usage", async () => {
    const { chunks, error } = await replaySse(readStreamFixture("blocked-prompt.sse"), {
      ...context,
      includeUsage: true,
    });
    expect(error).toBeUndefined();
    expect(chunks).toMatchInlineSnapshot(`
      [
        {
          "choices": [
            {
              "delta": {
                "content": "",
                "role": "assistant",
              },
              "finish_reason": null,
              "index": 0,
              "logprobs": null,
            },
          ],
          "created": 1700000000,
          "id": "chatcmpl-test",
          "model": "gemini-2.5-flash",
          "object": "chat.completion.chunk",
          "usage": null,
        },
        {
          "choices": [
            {
              "delta": {},
              "finish_reason": "content_filter",
              "index": 0,
              "logprobs": null,
            },
          ],
          "created": 1700000000,
          "id": "chatcmpl-test",
          "model": "gemini-2.5-flash",
          "object": "chat.completion.chunk",
          "usage": null,
        },
        {
          "choices": [],
          "created": 1700000000,
          "id": "chatcmpl-test",
          "model": "gemini-2.5-flash",
          "object": "chat.completion.chunk",
          "usage": {
            "completion_tokens": 0,
            "completion_tokens_details": {
              "reasoning_tokens": 0,
            },
            "prompt_tokens": 7,
            "prompt_tokens_details": {
              "cached_tokens": 0,
            },
            "total_tokens": 7,
          },
        },
      ]
    `);
  });

  it("keeps candidates apart by index with n > 1", async () => {
    const { chunks } = await replaySse(readStreamFixture("two-candidates.sse"), context);
    expect(chunks.map((chunk) => chunk.choices[0])).toMatchInlineSnapshot(`
      [
        {
          "delta": {
            "content": "",
            "role": "assistant",
          },
          "finish_reason": null,
          "index": 0,
          "logprobs": null,
        },
        {
          "delta": {
            "content": "Один",
          },
          "finish_reason": null,
          "index": 0,
          "logprobs": null,
        },
        {
          "delta": {
            "content": "",
            "role": "assistant",
          },
          "finish_reason": null,
          "index": 1,
          "logprobs": null,
        },
        {
          "delta": {
            "content": "Two",
          },
          "finish_reason": null,
          "index": 1,
          "logprobs": null,
        },
        {
          "delta": {
            "content": " ✓",
          },
          "finish_reason": null,
          "index": 0,
          "logprobs": null,
        },
        {
          "delta": {
            "content": " cut",
          },
          "finish_reason": null,
          "index": 1,
          "logprobs": null,
        },
        {
          "delta": {},
          "finish_reason": "stop",
          "index": 0,
          "logprobs": null,
        },
        {
          "delta": {},
          "finish_reason": "length",
          "index": 1,
          "logprobs": null,
        },
      ]
    `);
  });

  it("sends the usage chunk with empty choices after the finish chunk only when asked", async () => {
    const bytes = readStreamFixture("multilingual-text.sse");
    const withUsage = await replaySse(bytes, { ...context, includeUsage: true });
    expect(withUsage.chunks.at(-2)?.choices[0]?.finish_reason).toBe("stop");
    expect(withUsage.chunks.at(-1)).toMatchInlineSnapshot(`
      {
        "choices": [],
        "created": 1700000000,
        "id": "chatcmpl-test",
        "model": "gemini-2.5-flash",
        "object": "chat.completion.chunk",
        "usage": {
          "completion_tokens": 21,
          "completion_tokens_details": {
            "reasoning_tokens": 0,
          },
          "prompt_tokens": 9,
          "prompt_tokens_details": {
            "cached_tokens": 0,
          },
          "total_tokens": 30,
        },
      }
    `);
    expect(withUsage.chunks.slice(0, -1).every((chunk) => chunk.usage === null)).toBe(true);
    const without = await replaySse(bytes, context);
    expect(without.chunks.every((chunk) => chunk.choices.length === 1)).toBe(true);
  });

  it("errors when the upstream ended before any event", () => {
    const translator = new ChatStreamTranslator(context);
    expect(translator.end().error?.code).toBe("upstream_stream_incomplete");
  });

  it("maps MAX_TOKENS to length and SAFETY to content_filter", () => {
    const finishWith = (finishReason: string) => {
      const translator = new ChatStreamTranslator(context);
      translator.push({
        candidates: [{ index: 0, content: { parts: [{ text: "x" }] }, finishReason }],
      });
      return translator.end().chunks[0]?.choices[0]?.finish_reason;
    };
    expect(finishWith("MAX_TOKENS")).toBe("length");
    expect(finishWith("SAFETY")).toBe("content_filter");
    expect(finishWith("STOP")).toBe("stop");
  });
});
