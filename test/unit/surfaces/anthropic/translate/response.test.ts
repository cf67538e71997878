import { describe, expect, it } from "vitest";
import { ApiError } from "../../../../../common/api-error.ts";
import { fromToolCallId } from "../../../../../src/gemini/tool-call-id.ts";
import type { GeminiGenerateContentResponse } from "../../../../../src/gemini/types.ts";
import { fromGeminiResponse } from "../../../../../src/surfaces/anthropic/translate/response.ts";
import { MessagesStreamTranslator } from "../../../../../src/surfaces/anthropic/translate/stream.ts";

const context = { id: "msg_0123456789abcdef", model: "claude-sonnet-4-5", includeThoughts: true };

const answer = (
  parts: NonNullable<
    NonNullable<GeminiGenerateContentResponse["candidates"]>[number]["content"]
  >["parts"],
  finishReason = "STOP",
): GeminiGenerateContentResponse => ({
  candidates: [{ content: { role: "model", parts }, finishReason, index: 0 }],
  usageMetadata: {
    promptTokenCount: 1200,
    cachedContentTokenCount: 1000,
    candidatesTokenCount: 7,
    thoughtsTokenCount: 5,
  },
});

describe("fromGeminiResponse", () => {
  it("puts thoughts in a thinking block signed with the signature Gemini put on the next part", () => {
    const message = fromGeminiResponse(
      answer([
        { text: "Let me think", thought: true },
        { text: " harder.", thought: true },
        { text: "The answer is 4.", thoughtSignature: "c2lnLTI1" },
      ]),
      context,
    );
    expect(message).toEqual({
      id: "msg_0123456789abcdef",
      type: "message",
      role: "assistant",
      model: "claude-sonnet-4-5",
      content: [
        { type: "thinking", thinking: "Let me think harder.", signature: "c2lnLTI1" },
        { type: "text", text: "The answer is 4." },
      ],
      stop_reason: "end_turn",
      stop_sequence: null,
      // Anthropic's input_tokens leaves out what was read from the cache.
      usage: {
        input_tokens: 200,
        output_tokens: 12,
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: 1000,
      },
    });
  });

  it("signs a thinking block Gemini gave no signature with Google's placeholder", () => {
    const message = fromGeminiResponse(
      answer([{ text: "hm", thought: true }, { text: "ok" }]),
      context,
    );
    expect(message.content[0]).toEqual({
      type: "thinking",
      thinking: "hm",
      signature: "skip_thought_signature_validator",
    });
  });

  it("drops thoughts that were not asked for", () => {
    const message = fromGeminiResponse(answer([{ text: "hm", thought: true }, { text: "ok" }]), {
      ...context,
      includeThoughts: false,
    });
    expect(message.content).toEqual([{ type: "text", text: "ok" }]);
  });

  it("turns function calls into tool_use blocks (stop_reason tool_use) with ids that carry the signature", () => {
    const message = fromGeminiResponse(
      answer([
        { text: "Checking." },
        { functionCall: { name: "get_weather", args: { city: "Oslo" } }, thoughtSignature: "c2ln" },
        { functionCall: { id: "call-7", name: "get_time", args: {} } },
      ]),
      context,
    );
    expect(message.stop_reason).toBe("tool_use");
    const [, weather, time] = message.content;
    expect(weather).toMatchObject({
      type: "tool_use",
      name: "get_weather",
      input: { city: "Oslo" },
    });
    expect(time).toEqual({ type: "tool_use", id: "call-7", name: "get_time", input: {} });
    if (weather?.type !== "tool_use") throw new Error("expected tool_use");
    expect(fromToolCallId(weather.id)).toEqual({
      baseId: "toolu_msg0123456789abcdef_0",
      signature: "c2ln",
    });
  });

  it.each([
    ["MAX_TOKENS", "max_tokens"],
    ["SAFETY", "refusal"],
    ["RECITATION", "refusal"],
    ["OTHER", "end_turn"],
    ["OTHER", "end_turn"],
  ])("maps finishReason %s to stop_reason %s", (finishReason, stopReason) => {
    expect(fromGeminiResponse(answer([{ text: "x" }], finishReason), context).stop_reason).toBe(
      stopReason,
    );
  });

  it("answers a blocked prompt (no candidates) with an empty refusal", () => {
    const message = fromGeminiResponse({ promptFeedback: { blockReason: "SAFETY" } }, context);
    expect(message.content).toEqual([]);
    expect(message.stop_reason).toBe("refusal");
    expect(message.usage.input_tokens).toBe(0);
  });

  it("shows code Gemini ran as fenced text", () => {
    const message = fromGeminiResponse(
      answer([
        { executableCode: { language: "PYTHON", code: "print(2+2)" } },
        { codeExecutionResult: { outcome: "OUTCOME_OK", output: "4" } },
      ]),
      context,
    );
    expect(message.content).toEqual([
      { type: "text", text: "\n```python\nprint(2+2)\n```\n\n```\n4\n```\n" },
    ]);
  });
});

describe("failure finish reasons on the Anthropic surface", () => {
  it.each([
    "MALFORMED_FUNCTION_CALL",
    "UNEXPECTED_TOOL_CALL",
    "TOO_MANY_TOOL_CALLS",
    "MISSING_THOUGHT_SIGNATURE",
    "MALFORMED_RESPONSE",
  ])("answers %s as a retryable 502, never an empty end_turn", (reason) => {
    const response: GeminiGenerateContentResponse = {
      candidates: [
        {
          content: { role: "model", parts: [] },
          finishReason: reason,
          finishMessage: "bad call",
          index: 0,
        },
      ],
    };
    const error = (() => {
      try {
        fromGeminiResponse(response, context);
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(502);
    expect((error as ApiError).message).toContain(reason);
    expect((error as ApiError).message).toContain("bad call");
  });

  it("ends a stream whose candidate failed with an error instead of message_stop", () => {
    const translator = new MessagesStreamTranslator(context);
    translator.push({
      candidates: [{ content: { role: "model", parts: [{ text: "" }] }, index: 0 }],
    });
    translator.push({ candidates: [{ finishReason: "MALFORMED_FUNCTION_CALL", index: 0 }] });
    const end = translator.end();
    expect(end).toBeInstanceOf(ApiError);
    expect((end as ApiError).code).toBe("malformed_function_call");
  });
});
