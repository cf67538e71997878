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
      stop_details: null,
      container: null,
      diagnostics: null,
      // Anthropic's input_tokens leaves out what was read from the cache.
      usage: {
        input_tokens: 200,
        output_tokens: 12,
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: 1000,
        cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 },
        output_tokens_details: { thinking_tokens: 5 },
        server_tool_use: null,
        service_tier: null,
        inference_geo: null,
        speed: null,
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
    expect(time).toEqual({
      type: "tool_use",
      id: "call-7",
      name: "get_time",
      input: {},
      caller: { type: "direct" },
    });
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

  it("answers code Gemini ran as server_tool_use + code_execution_tool_result blocks", () => {
    const message = fromGeminiResponse(
      answer([
        { executableCode: { language: "PYTHON", code: "print(2+2)" } },
        { codeExecutionResult: { outcome: "OUTCOME_OK", output: "4\n" } },
        { executableCode: { language: "PYTHON", code: "1/0" } },
        { codeExecutionResult: { outcome: "OUTCOME_FAILED", output: "ZeroDivisionError" } },
        { executableCode: { language: "PYTHON", code: "while True: pass" } },
        { codeExecutionResult: { outcome: "OUTCOME_DEADLINE_EXCEEDED" } },
        { codeExecutionResult: { outcome: "OUTCOME_OK", output: "orphan" } },
        { text: "It is 4." },
      ]),
      context,
    );
    const id = (call: number) => `srvtoolu_msg0123456789abcdef_${call}`;
    const use = (call: number, code: string) => ({
      type: "server_tool_use",
      id: id(call),
      name: "code_execution",
      input: { code },
      caller: { type: "direct" },
    });
    const result = (call: number, content: unknown) => ({
      type: "code_execution_tool_result",
      tool_use_id: id(call),
      content,
    });
    const run = (stdout: string, stderr: string, return_code: number) => ({
      type: "code_execution_result",
      stdout,
      stderr,
      return_code,
      content: [],
    });
    expect(message.content).toEqual([
      use(0, "print(2+2)"),
      result(0, run("4\n", "", 0)),
      use(1, "1/0"),
      result(1, run("", "ZeroDivisionError", 1)),
      use(2, "while True: pass"),
      result(2, {
        type: "code_execution_tool_result_error",
        error_code: "execution_time_exceeded",
      }),
      // A result Gemini sent without its code still answers a server_tool_use.
      use(3, ""),
      result(3, run("orphan", "", 0)),
      { type: "text", text: "It is 4." },
    ]);
    expect(message.stop_reason).toBe("end_turn");
    expect(message.usage.server_tool_use).toBeNull();
  });

  it("answers Google Search grounding as web_search blocks first and citations on the text", () => {
    const text = "Käse is cheese. Brot is bread.";
    const first = "Käse is cheese.";
    const response = answer([{ text: text.slice(0, 10) }, { text: text.slice(10) }]);
    const candidate = response.candidates?.[0];
    if (!candidate) throw new Error("no candidate");
    candidate.groundingMetadata = {
      webSearchQueries: ["käse", "brot"],
      groundingChunks: [
        { web: { uri: "https://example.com/kase", title: "example.com" } },
        { web: { uri: "https://example.org/brot" } },
        { web: { uri: "https://example.com/kase", title: "example.com" } },
      ],
      groundingSupports: [
        {
          // Byte offsets: "ä" is two bytes.
          segment: { startIndex: 0, endIndex: new TextEncoder().encode(first).length },
          groundingChunkIndices: [0],
        },
        {
          segment: { startIndex: 17, endIndex: 31, text: "Brot is bread." },
          groundingChunkIndices: [1, 2],
        },
      ],
    };
    const message = fromGeminiResponse(response, context);
    const opaque = (value: unknown) => btoa(JSON.stringify(value));
    expect(message.content).toEqual([
      {
        type: "server_tool_use",
        id: "srvtoolu_msg0123456789abcdef_0",
        name: "web_search",
        input: { query: "käse" },
        caller: { type: "direct" },
      },
      {
        type: "web_search_tool_result",
        tool_use_id: "srvtoolu_msg0123456789abcdef_0",
        caller: { type: "direct" },
        content: [
          {
            type: "web_search_result",
            url: "https://example.com/kase",
            title: "example.com",
            page_age: null,
            encrypted_content: opaque({ url: "https://example.com/kase", title: "example.com" }),
          },
          {
            type: "web_search_result",
            url: "https://example.org/brot",
            title: "https://example.org/brot",
            page_age: null,
            encrypted_content: opaque({
              url: "https://example.org/brot",
              title: "https://example.org/brot",
            }),
          },
        ],
      },
      {
        type: "server_tool_use",
        id: "srvtoolu_msg0123456789abcdef_1",
        name: "web_search",
        input: { query: "brot" },
        caller: { type: "direct" },
      },
      {
        type: "web_search_tool_result",
        tool_use_id: "srvtoolu_msg0123456789abcdef_1",
        caller: { type: "direct" },
        content: [],
      },
      {
        type: "text",
        text,
        citations: [
          {
            type: "web_search_result_location",
            url: "https://example.com/kase",
            title: "example.com",
            cited_text: first,
            encrypted_index: opaque({ source: 0 }),
          },
          {
            type: "web_search_result_location",
            url: "https://example.org/brot",
            title: "https://example.org/brot",
            cited_text: "Brot is bread.",
            encrypted_index: opaque({ source: 1 }),
          },
          {
            type: "web_search_result_location",
            url: "https://example.com/kase",
            title: "example.com",
            cited_text: "Brot is bread.",
            encrypted_index: opaque({ source: 2 }),
          },
        ],
      },
    ]);
    expect(message.usage.server_tool_use).toEqual({
      web_search_requests: 2,
      web_fetch_requests: 0,
    });
  });

  it("says why a refusal stopped in stop_details, with Gemini's message", () => {
    const response = answer([], "SAFETY");
    const candidate = response.candidates?.[0];
    if (candidate) candidate.finishMessage = "blocked for safety";
    expect(fromGeminiResponse(response, context).stop_details).toEqual({
      type: "refusal",
      category: null,
      explanation: "blocked for safety",
    });
    expect(
      fromGeminiResponse({ promptFeedback: { blockReason: "OTHER" } }, context).stop_details,
    ).toEqual({ type: "refusal", category: null, explanation: null });
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
