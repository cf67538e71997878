import { describe, expect, it } from "vitest";
import { fromToolCallId } from "../../../../src/gemini/tool-call-id.ts";
import type { GeminiGenerateContentResponse } from "../../../../src/gemini/types.ts";
import { ResponseBuilder } from "../../../../src/surfaces/responses/translate/output-builder.ts";
import { fromReasoningContent } from "../../../../src/surfaces/responses/translate/reasoning-content.ts";
import type { ResponsesResponse } from "../../../../src/surfaces/responses/translate/response-types.ts";
import { ToolNames } from "../../../../src/surfaces/responses/translate/tools.ts";

const SIGNATURE = "c2lnbmF0dXJlLW9mLXRoZS10dXJu";

function builder(options: { reasoning?: boolean; encrypted?: boolean; names?: ToolNames } = {}) {
  const response = {
    id: "resp_test0123456789abcdefghijklmnop",
    object: "response",
    created_at: 1,
    status: "in_progress",
    output: [],
    output_text: "",
    usage: null,
    error: null,
    incomplete_details: null,
    model: "gemini-3-flash-preview",
  } as unknown as ResponsesResponse;
  return new ResponseBuilder({
    response,
    names: options.names ?? new ToolNames(),
    reasoning: options.reasoning ?? false,
    includeEncryptedReasoning: options.encrypted ?? false,
  });
}

const chunk = (parts: object[], finishReason?: string): GeminiGenerateContentResponse => ({
  candidates: [{ content: { role: "model", parts }, ...(finishReason && { finishReason }) }],
});

describe("ResponseBuilder", () => {
  it("streams reasoning, then a function call carrying the turn's signature, in OpenAI's order", () => {
    const names = new ToolNames();
    names.add({ name: "lookup", namespace: "crm", custom: false });
    const build = builder({ reasoning: true, encrypted: true, names });
    const events = [
      ...build.push(chunk([{ text: "Let me think", thought: true }])),
      ...build.push(
        chunk(
          [
            {
              functionCall: { name: "crm.lookup", args: { id: "7" } },
              thoughtSignature: SIGNATURE,
            },
          ],
          "STOP",
        ),
      ),
      ...build.finish(),
    ];
    expect(events.map((event) => event.type)).toEqual([
      "response.created",
      "response.in_progress",
      "response.output_item.added",
      "response.reasoning_summary_part.added",
      "response.reasoning_summary_text.delta",
      "response.reasoning_summary_text.done",
      "response.reasoning_summary_part.done",
      "response.output_item.done",
      "response.output_item.added",
      "response.function_call_arguments.delta",
      "response.function_call_arguments.done",
      "response.output_item.done",
      "response.completed",
    ]);
    expect(events.map((event) => event.sequence_number)).toEqual(events.map((_, index) => index));
    const final = build.response;
    expect(final.status).toBe("completed");
    const [reasoning, call] = final.output;
    expect(reasoning).toMatchObject({
      type: "reasoning",
      summary: [{ type: "summary_text", text: "Let me think" }],
    });
    expect(
      fromReasoningContent((reasoning as { encrypted_content?: string }).encrypted_content),
    ).toBe(SIGNATURE);
    expect(call).toMatchObject({
      type: "function_call",
      name: "lookup",
      namespace: "crm",
      arguments: '{"id":"7"}',
      status: "completed",
    });
    expect(fromToolCallId((call as { call_id: string }).call_id).signature).toBe(SIGNATURE);
  });

  it("always emits a reasoning item when reasoning was asked for, even without thought text", () => {
    const build = builder({ reasoning: true });
    build.push(chunk([{ text: "Hi" }], "STOP"));
    build.finish();
    expect(build.response.output.map((item) => item.type)).toEqual(["reasoning", "message"]);
  });

  it("answers MAX_TOKENS as incomplete with reason max_output_tokens", () => {
    const build = builder();
    build.push(chunk([{ text: "cut" }], "MAX_TOKENS"));
    const events = build.finish();
    expect(events.at(-1)?.type).toBe("response.incomplete");
    expect(build.response.incomplete_details).toEqual({ reason: "max_output_tokens" });
  });

  it.each(["SAFETY", "PROHIBITED_CONTENT", "SPII", "BLOCKLIST", "IMAGE_SAFETY", "RECITATION"])(
    "answers %s as incomplete with reason content_filter",
    (reason) => {
      const build = builder();
      build.push(chunk([], reason));
      build.finish();
      expect(build.response.status).toBe("incomplete");
      expect(build.response.incomplete_details).toEqual({ reason: "content_filter" });
    },
  );

  it.each([
    "MALFORMED_FUNCTION_CALL",
    "UNEXPECTED_TOOL_CALL",
    "TOO_MANY_TOOL_CALLS",
    "MISSING_THOUGHT_SIGNATURE",
    "MALFORMED_RESPONSE",
  ])("fails on %s instead of answering an empty success", (reason) => {
    const build = builder();
    build.push({ candidates: [{ finishReason: reason, finishMessage: "bad call" }] });
    const events = build.finish();
    expect(events.at(-1)?.type).toBe("response.failed");
    expect(build.response.error?.message).toContain(reason);
    expect(build.response.error?.message).toContain("bad call");
  });

  it("fails a stream that ended without a finish reason (a cut stream is never a clean end)", () => {
    const build = builder();
    build.push(chunk([{ text: "partial" }]));
    const events = build.finish();
    expect(events.map((event) => event.type).slice(-4)).toEqual([
      "response.output_text.done",
      "response.content_part.done",
      "response.output_item.done",
      "response.failed",
    ]);
  });

  it("turns custom tool calls back into custom_tool_call items with their free-form input", () => {
    const names = new ToolNames();
    names.add({ name: "apply_patch", custom: true });
    const build = builder({ names });
    build.push(
      chunk(
        [{ functionCall: { name: "apply_patch", args: { input: "*** Begin Patch" } } }],
        "STOP",
      ),
    );
    build.finish();
    expect(build.response.output[0]).toMatchObject({
      type: "custom_tool_call",
      name: "apply_patch",
      input: "*** Begin Patch",
    });
  });

  it("maps usage with reasoning tokens inside output tokens, and grounding to url_citation annotations", () => {
    const build = builder();
    build.push({
      candidates: [
        {
          content: { role: "model", parts: [{ text: "Café news today" }] },
          finishReason: "STOP",
          groundingMetadata: {
            groundingChunks: [{ web: { uri: "https://example.com/a", title: "A" } }],
            groundingSupports: [
              { segment: { startIndex: 6, endIndex: 10 }, groundingChunkIndices: [0] },
            ],
          },
        },
      ],
      usageMetadata: {
        promptTokenCount: 5,
        candidatesTokenCount: 3,
        thoughtsTokenCount: 4,
        totalTokenCount: 12,
      },
      modelVersion: "gemini-2.5-flash-001",
    });
    build.finish();
    expect(build.response.usage).toEqual({
      input_tokens: 5,
      input_tokens_details: { cached_tokens: 0, cache_write_tokens: 0 },
      output_tokens: 7,
      output_tokens_details: { reasoning_tokens: 4 },
      total_tokens: 12,
    });
    expect(build.response.model).toBe("gemini-2.5-flash-001");
    const message = build.response.output[0] as { content: { annotations: unknown[] }[] };
    // "Café " is 6 bytes but 5 characters: byte offsets become character offsets.
    expect(message.content[0]?.annotations).toEqual([
      {
        type: "url_citation",
        url: "https://example.com/a",
        title: "A",
        start_index: 5,
        end_index: 9,
      },
    ]);
  });
});
