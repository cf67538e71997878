import { describe, expect, it } from "vitest";
import { fromToolCallId } from "../../../../../src/gemini/tool-call-id.ts";
import type { GeminiGenerateContentResponse } from "../../../../../src/gemini/types.ts";
import { fromGeminiResponse } from "../../../../../src/surfaces/openai/translate/chat-response.ts";
import { mapGeminiFinishReason } from "../../../../../src/surfaces/openai/translate/finish-reason.ts";
import { fromGeminiUsage } from "../../../../../src/surfaces/openai/translate/usage.ts";

const context = {
  id: "chatcmpl-abc123",
  model: "gpt-4o",
  created: 1_700_000_000,
  includeThoughts: true,
};

describe("fromGeminiResponse", () => {
  it("joins text parts, returns thoughts as reasoning_content and maps usage", () => {
    const response: GeminiGenerateContentResponse = {
      candidates: [
        {
          index: 0,
          content: {
            role: "model",
            parts: [
              { text: "Let me think.", thought: true },
              { text: "Hello, " },
              { text: "мир!" },
            ],
          },
          finishReason: "STOP",
        },
      ],
      usageMetadata: {
        promptTokenCount: 10,
        candidatesTokenCount: 5,
        thoughtsTokenCount: 3,
        cachedContentTokenCount: 4,
        totalTokenCount: 18,
      },
      modelVersion: "gemini-2.5-flash",
    };
    expect(fromGeminiResponse(response, context)).toMatchInlineSnapshot(`
      {
        "choices": [
          {
            "finish_reason": "stop",
            "index": 0,
            "logprobs": null,
            "message": {
              "content": "Hello, мир!",
              "reasoning_content": "Let me think.",
              "refusal": null,
              "role": "assistant",
            },
          },
        ],
        "created": 1700000000,
        "id": "chatcmpl-abc123",
        "model": "gemini-2.5-flash",
        "object": "chat.completion",
        "usage": {
          "completion_tokens": 8,
          "completion_tokens_details": {
            "reasoning_tokens": 3,
          },
          "prompt_tokens": 10,
          "prompt_tokens_details": {
            "cached_tokens": 4,
          },
          "total_tokens": 18,
        },
      }
    `);
  });

  it("drops thoughts when includeThoughts is off", () => {
    const completion = fromGeminiResponse(
      {
        candidates: [
          {
            content: { parts: [{ text: "secret", thought: true }, { text: "ok" }] },
            finishReason: "STOP",
          },
        ],
      },
      { ...context, includeThoughts: false },
    );
    expect(completion.choices[0]?.message).toEqual({
      role: "assistant",
      content: "ok",
      refusal: null,
    });
  });

  it("turns functionCall parts into tool_calls with finish_reason tool_calls, keeping signatures", () => {
    const completion = fromGeminiResponse(
      {
        candidates: [
          {
            content: {
              parts: [
                {
                  functionCall: { id: "gemini-call-7", name: "lookup", args: { q: "x" } },
                  thoughtSignature: "c2lnLTE=",
                },
                { functionCall: { name: "lookup", args: { q: "y" } } },
              ],
            },
            finishReason: "STOP",
          },
        ],
      },
      context,
    );
    const choice = completion.choices[0];
    expect(choice?.finish_reason).toBe("tool_calls");
    expect(choice?.message.content).toBeNull();
    expect(choice?.message.tool_calls).toMatchInlineSnapshot(`
      [
        {
          "extra_content": {
            "google": {
              "thought_signature": "c2lnLTE=",
            },
          },
          "function": {
            "arguments": "{"q":"x"}",
            "name": "lookup",
          },
          "id": "gemini-call-7__ts_bc2lnLTE",
          "type": "function",
        },
        {
          "function": {
            "arguments": "{"q":"y"}",
            "name": "lookup",
          },
          "id": "call_chatcmplabc123_0_1",
          "type": "function",
        },
      ]
    `);
    expect(fromToolCallId(choice?.message.tool_calls?.[0]?.id ?? "")).toEqual({
      baseId: "gemini-call-7",
      signature: "c2lnLTE=",
    });
  });

  it("answers one content_filter choice when the prompt was blocked", () => {
    const completion = fromGeminiResponse(
      {
        promptFeedback: { blockReason: "SAFETY" },
        usageMetadata: { promptTokenCount: 3, totalTokenCount: 3 },
      },
      context,
    );
    expect(completion.choices).toEqual([
      {
        index: 0,
        message: { role: "assistant", content: "", refusal: null },
        finish_reason: "content_filter",
        logprobs: null,
      },
    ]);
    expect(completion.usage?.prompt_tokens).toBe(3);
  });

  it("gives one choice per candidate, by candidate index", () => {
    const completion = fromGeminiResponse(
      {
        candidates: [
          { index: 0, content: { parts: [{ text: "a" }] }, finishReason: "STOP" },
          { index: 1, content: { parts: [{ text: "b" }] }, finishReason: "MAX_TOKENS" },
        ],
      },
      context,
    );
    expect(
      completion.choices.map((choice) => [
        choice.index,
        choice.message.content,
        choice.finish_reason,
      ]),
    ).toEqual([
      [0, "a", "stop"],
      [1, "b", "length"],
    ]);
  });
});

describe("mapGeminiFinishReason", () => {
  it.each([
    ["STOP", "stop"],
    ["MAX_TOKENS", "length"],
    ["SAFETY", "content_filter"],
    ["RECITATION", "content_filter"],
    ["BLOCKLIST", "content_filter"],
    ["PROHIBITED_CONTENT", "content_filter"],
    ["SPII", "content_filter"],
    ["IMAGE_SAFETY", "content_filter"],
    ["OTHER", "stop"],
    ["MALFORMED_FUNCTION_CALL", "stop"],
    [undefined, null],
  ])("maps %s to %s", (reason, expected) => {
    expect(mapGeminiFinishReason(reason)).toBe(expected);
  });
});

describe("fromGeminiUsage", () => {
  it("counts thoughts as reasoning completion tokens", () => {
    expect(
      fromGeminiUsage({
        promptTokenCount: 7,
        candidatesTokenCount: 2,
        thoughtsTokenCount: 5,
        totalTokenCount: 14,
      }),
    ).toEqual({
      prompt_tokens: 7,
      completion_tokens: 7,
      total_tokens: 14,
      prompt_tokens_details: { cached_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 5 },
    });
  });

  it("answers undefined without usage and sums a missing total", () => {
    expect(fromGeminiUsage(undefined)).toBeUndefined();
    expect(fromGeminiUsage({ promptTokenCount: 2, candidatesTokenCount: 3 })?.total_tokens).toBe(5);
  });
});
