import { BlockedReason, FinishReason } from "@google/genai";
import { describe, expect, it } from "vitest";
import {
  BLOCK_REASONS,
  FINISH_REASON_KINDS,
  type FinishKind,
  finishKind,
} from "../../../src/gemini/finish-reasons.ts";
import type { GeminiGenerateContentResponse } from "../../../src/gemini/types.ts";
import { fromGeminiResponse as toAnthropicMessage } from "../../../src/surfaces/anthropic/translate/response.ts";
import { MessagesStreamTranslator } from "../../../src/surfaces/anthropic/translate/stream.ts";
import { fromGeminiResponse as toChatCompletion } from "../../../src/surfaces/openai/translate/chat-response.ts";
import { ChatStreamTranslator } from "../../../src/surfaces/openai/translate/chat-stream.ts";
import { ResponseBuilder } from "../../../src/surfaces/responses/translate/output-builder.ts";
import type { ResponsesResponse } from "../../../src/surfaces/responses/translate/response-types.ts";
import { ToolNames } from "../../../src/surfaces/responses/translate/tools.ts";

const chatContext = { id: "chatcmpl-x", model: "gemini-x", created: 1, includeThoughts: false };
const messageContext = { id: "msg_x", model: "claude-x", includeThoughts: false };

function responsesBuilder() {
  const response = {
    id: "resp_test0123456789abcdefghijklmnop",
    object: "response",
    status: "in_progress",
    output: [],
    output_text: "",
    usage: null,
    error: null,
    incomplete_details: null,
    model: "gemini-x",
  } as unknown as ResponsesResponse;
  return new ResponseBuilder({
    response,
    names: new ToolNames(),
    reasoning: false,
    includeEncryptedReasoning: false,
  });
}

const answer = (finishReason: string): GeminiGenerateContentResponse => ({
  candidates: [{ content: { role: "model", parts: [{ text: "so far" }] }, finishReason, index: 0 }],
});

/** What each surface answers for a candidate that ended with this reason: one row per surface. */
function onEverySurface(response: GeminiGenerateContentResponse) {
  const attempt = <T>(run: () => T): T | "error" => {
    try {
      return run();
    } catch {
      return "error";
    }
  };
  const chat = attempt(() => toChatCompletion(response, chatContext).choices[0]?.finish_reason);
  const chatStream = new ChatStreamTranslator({ ...chatContext, includeUsage: false });
  chatStream.push(response);
  const streamEnd = chatStream.end();
  const chatStreamed = streamEnd.error
    ? "error"
    : streamEnd.chunks.at(-1)?.choices[0]?.finish_reason;
  const anthropic = attempt(() => toAnthropicMessage(response, messageContext).stop_reason);
  const anthropicStream = new MessagesStreamTranslator(messageContext);
  anthropicStream.push(response);
  const anthropicEnd = anthropicStream.end();
  const anthropicStreamed = Array.isArray(anthropicEnd)
    ? anthropicEnd.find((event) => event.type === "message_delta")?.delta.stop_reason
    : "error";
  const builder = responsesBuilder();
  builder.push(response);
  builder.finish();
  const { status, incomplete_details } = builder.response;
  return {
    chat,
    chatStreamed,
    anthropic,
    anthropicStreamed,
    responses: `${status}${incomplete_details ? `:${incomplete_details.reason}` : ""}`,
  };
}

const EXPECTED: Record<FinishKind, ReturnType<typeof onEverySurface>> = {
  stop: {
    chat: "stop",
    chatStreamed: "stop",
    anthropic: "end_turn",
    anthropicStreamed: "end_turn",
    responses: "completed",
  },
  length: {
    chat: "length",
    chatStreamed: "length",
    anthropic: "max_tokens",
    anthropicStreamed: "max_tokens",
    responses: "incomplete:max_output_tokens",
  },
  continuation: {
    chat: "length",
    chatStreamed: "length",
    anthropic: "max_tokens",
    anthropicStreamed: "max_tokens",
    responses: "incomplete:max_output_tokens",
  },
  filtered: {
    chat: "content_filter",
    chatStreamed: "content_filter",
    anthropic: "refusal",
    anthropicStreamed: "refusal",
    responses: "incomplete:content_filter",
  },
  failed: {
    chat: "error",
    chatStreamed: "error",
    anthropic: "error",
    anthropicStreamed: "error",
    responses: "failed",
  },
};

describe("finish reasons: one table, every surface", () => {
  it("knows every FinishReason the installed @google/genai lists (a new one fails here)", () => {
    const unknown = Object.values(FinishReason).filter((value) => !(value in FINISH_REASON_KINDS));
    expect(unknown).toEqual([]);
  });

  it("knows every BlockedReason the installed @google/genai lists", () => {
    const unknown = Object.values(BlockedReason).filter((value) => !BLOCK_REASONS.has(value));
    expect(unknown).toEqual([]);
  });

  it("reads an unknown reason as stop and a missing one as not finished", () => {
    expect(finishKind("SOMETHING_NEW")).toBe("stop");
    expect(finishKind(undefined)).toBeUndefined();
  });

  it.each(
    Object.entries(FINISH_REASON_KINDS).filter(
      ([reason]) => reason !== "FINISH_REASON_UNSPECIFIED",
    ),
  )(
    "maps %s (%s) the same way on chat, Responses and Anthropic, streamed or not",
    (reason, kind) => {
      expect(onEverySurface(answer(reason))).toEqual(EXPECTED[kind]);
    },
  );

  it.each([...BLOCK_REASONS])(
    "answers a prompt blocked with %s as a filter everywhere",
    (reason) => {
      const blocked: GeminiGenerateContentResponse = {
        promptFeedback: { blockReason: reason, blockReasonMessage: "blocked" },
        usageMetadata: { promptTokenCount: 3, totalTokenCount: 3 },
      };
      expect(onEverySurface(blocked)).toEqual({
        ...EXPECTED.filtered,
        responses: "incomplete:content_filter",
      });
    },
  );
});
