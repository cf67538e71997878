import { describe, expect, it } from "vitest";
import { ApiError } from "../../../../../common/api-error.ts";
import { toToolCallId } from "../../../../../src/gemini/tool-call-id.ts";
import { toGeminiConversation } from "../../../../../src/surfaces/anthropic/translate/messages.ts";
import type { AnthropicMessage } from "../../../../../src/surfaces/anthropic/validate/messages-request.ts";

const PIXEL =
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";
const noImages = async () => {
  throw new Error("no image downloads in this test");
};

const convert = (messages: unknown[], requireSignatures = false, system?: string) =>
  toGeminiConversation(system, messages as AnthropicMessage[], noImages, requireSignatures);

async function rejection(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.catch((caught: unknown) => caught);
  if (!(error instanceof ApiError)) throw new Error("expected an ApiError");
  return error;
}

describe("toGeminiConversation", () => {
  it("joins system, billing header and mid-conversation system messages into systemInstruction", async () => {
    const result = await toGeminiConversation(
      [{ text: "x-anthropic-billing-header: cc_version=2.1" }, { text: "You are Claude Code." }],
      [
        { role: "user", content: "hi" },
        { role: "system", content: "Agents: Explore, Plan" },
      ] as AnthropicMessage[],
      noImages,
      false,
    );
    expect(result.systemInstruction).toEqual({
      parts: [
        {
          text: "x-anthropic-billing-header: cc_version=2.1\n\nYou are Claude Code.\n\nAgents: Explore, Plan",
        },
      ],
    });
    expect(result.contents).toEqual([{ role: "user", parts: [{ text: "hi" }] }]);
  });

  it("pairs tool_result with its tool_use: id and name, output or error, images after the responses", async () => {
    const id = toToolCallId("toolu_1", "c2lnbmF0dXJl");
    const { contents } = await convert([
      { role: "user", content: "read it" },
      {
        role: "assistant",
        content: [
          { type: "thinking", thinking: "I should read", signature: "dGhpbmtpbmc=" },
          { type: "text", text: "Reading." },
          { type: "tool_use", id, name: "Read", input: { file_path: "/a.png" } },
          { type: "tool_use", id: "toolu_2", name: "Bash", input: { command: "false" } },
        ],
      },
      {
        role: "user",
        content: [
          {
            type: "tool_result",
            tool_use_id: id,
            content: [
              { type: "text", text: "an image:" },
              { type: "image", source: { type: "base64", media_type: "image/png", data: PIXEL } },
            ],
          },
          { type: "tool_result", tool_use_id: "toolu_2", content: "exit 1", is_error: true },
          { type: "text", text: "<system-reminder>go on</system-reminder>" },
        ],
      },
    ]);
    expect(contents).toEqual([
      { role: "user", parts: [{ text: "read it" }] },
      {
        role: "model",
        parts: [
          // The id's own signature wins; the thinking text itself is not sent back.
          { text: "Reading." },
          {
            functionCall: { id: "toolu_1", name: "Read", args: { file_path: "/a.png" } },
            thoughtSignature: "c2lnbmF0dXJl",
          },
          { functionCall: { id: "toolu_2", name: "Bash", args: { command: "false" } } },
        ],
      },
      {
        role: "user",
        parts: [
          { functionResponse: { id: "toolu_1", name: "Read", response: { output: "an image:" } } },
          { functionResponse: { id: "toolu_2", name: "Bash", response: { error: "exit 1" } } },
          { inlineData: { mimeType: "image/png", data: PIXEL } },
          { text: "<system-reminder>go on</system-reminder>" },
        ],
      },
    ]);
  });

  it("puts a thinking block's signature on the first call when the id carries none", async () => {
    const { contents } = await convert([
      { role: "user", content: "go" },
      {
        role: "assistant",
        content: [
          { type: "thinking", thinking: "t", signature: "dGhpbmtpbmc=" },
          { type: "tool_use", id: "toolu_9", name: "Bash", input: {} },
        ],
      },
      { role: "user", content: [{ type: "tool_result", tool_use_id: "toolu_9", content: "ok" }] },
    ]);
    expect(contents[1]?.parts[0]?.thoughtSignature).toBe("dGhpbmtpbmc=");
  });

  it("puts a thinking signature on the text after it when the turn called no tool", async () => {
    const { contents } = await convert([
      { role: "user", content: "go" },
      {
        role: "assistant",
        content: [
          { type: "thinking", thinking: "t", signature: "dGhpbmtpbmc=" },
          { type: "redacted_thinking", data: "opaque" },
          { type: "text", text: "done" },
        ],
      },
      { role: "user", content: "again" },
    ]);
    expect(contents[1]).toEqual({
      role: "model",
      parts: [{ text: "done", thoughtSignature: "dGhpbmtpbmc=" }],
    });
  });

  it("on Gemini 3, gives a step whose first call has no signature Google's placeholder", async () => {
    const { contents } = await convert(
      [
        { role: "user", content: "go" },
        {
          role: "assistant",
          content: [
            { type: "thinking", thinking: "t", signature: "skip_thought_signature_validator" },
            { type: "tool_use", id: "toolu_from_claude", name: "Bash", input: {} },
          ],
        },
        { role: "user", content: [{ type: "tool_result", tool_use_id: "toolu_from_claude" }] },
      ],
      true,
    );
    expect(contents[1]?.parts[0]?.thoughtSignature).toBe("skip_thought_signature_validator");
    expect(contents[2]?.parts[0]).toEqual({
      functionResponse: { id: "toolu_from_claude", name: "Bash", response: { output: "" } },
    });
  });

  it("sends code execution blocks back as Gemini's code parts and leaves web search blocks out", async () => {
    const result = await convert([
      { role: "user", content: "count and search" },
      {
        role: "assistant",
        content: [
          {
            type: "server_tool_use",
            id: "srvtoolu_a",
            name: "code_execution",
            input: { code: "print(1)" },
          },
          {
            type: "code_execution_tool_result",
            tool_use_id: "srvtoolu_a",
            content: {
              type: "code_execution_result",
              stdout: "1\n",
              stderr: "",
              return_code: 0,
              content: [],
            },
          },
          {
            type: "server_tool_use",
            id: "srvtoolu_b",
            name: "code_execution",
            input: { code: "1/0" },
          },
          {
            type: "code_execution_tool_result",
            tool_use_id: "srvtoolu_b",
            content: {
              type: "code_execution_result",
              stdout: "",
              stderr: "ZeroDivisionError",
              return_code: 1,
              content: [],
            },
          },
          {
            type: "code_execution_tool_result",
            tool_use_id: "srvtoolu_c",
            content: {
              type: "code_execution_tool_result_error",
              error_code: "execution_time_exceeded",
            },
          },
          { type: "server_tool_use", id: "srvtoolu_d", name: "web_search", input: { query: "q" } },
          {
            type: "web_search_tool_result",
            tool_use_id: "srvtoolu_d",
            content: [
              {
                type: "web_search_result",
                url: "https://example.com",
                title: "e",
                encrypted_content: "x",
                page_age: null,
              },
            ],
          },
          {
            type: "text",
            text: "Done.",
            citations: [
              {
                type: "web_search_result_location",
                url: "https://example.com",
                title: "e",
                cited_text: "Done.",
                encrypted_index: "x",
              },
            ],
          },
        ],
      },
      { role: "user", content: "thanks" },
    ]);
    expect(result.contents[1]).toEqual({
      role: "model",
      parts: [
        { executableCode: { language: "PYTHON", code: "print(1)" } },
        { codeExecutionResult: { outcome: "OUTCOME_OK", output: "1\n" } },
        { executableCode: { language: "PYTHON", code: "1/0" } },
        { codeExecutionResult: { outcome: "OUTCOME_FAILED", output: "ZeroDivisionError" } },
        { codeExecutionResult: { outcome: "OUTCOME_DEADLINE_EXCEEDED" } },
        { text: "Done." },
      ],
    });
  });

  it("merges consecutive messages of one role", async () => {
    const { contents } = await convert([
      { role: "user", content: "a" },
      { role: "user", content: [{ type: "text", text: "b" }] },
      { role: "assistant", content: "c" },
    ]);
    expect(contents).toEqual([
      { role: "user", parts: [{ text: "a" }, { text: "b" }] },
      { role: "model", parts: [{ text: "c" }] },
    ]);
  });

  it("reads documents: PDF inline, plain text and content sources as text with their title", async () => {
    const { contents } = await convert([
      {
        role: "user",
        content: [
          {
            type: "document",
            source: { type: "base64", media_type: "application/pdf", data: "JVBERi0=" },
          },
          {
            type: "document",
            title: "Notes",
            source: { type: "text", media_type: "text/plain", data: "n1" },
          },
          {
            type: "document",
            source: { type: "content", content: [{ type: "text", text: "c1" }] },
          },
          {
            type: "search_result",
            source: "https://a.example",
            title: "A",
            content: [{ type: "text", text: "s1" }],
          },
        ],
      },
    ]);
    expect(contents[0]?.parts).toEqual([
      { inlineData: { mimeType: "application/pdf", data: "JVBERi0=" } },
      { text: "Notes" },
      { text: "n1" },
      { text: "c1" },
      { text: "A (https://a.example)\ns1" },
    ]);
  });

  it("downloads image URLs through the resolver it is given", async () => {
    const { contents } = await toGeminiConversation(
      undefined,
      [
        {
          role: "user",
          content: [{ type: "image", source: { type: "url", url: "https://img.example/a.png" } }],
        },
      ] as AnthropicMessage[],
      async (url) => ({
        mimeType: "image/png",
        data: url === "https://img.example/a.png" ? PIXEL : "",
      }),
      false,
    );
    expect(contents[0]?.parts).toEqual([{ inlineData: { mimeType: "image/png", data: PIXEL } }]);
  });

  it.each([
    [
      "a tool_result for an unknown id",
      [{ role: "user", content: [{ type: "tool_result", tool_use_id: "toolu_x", content: "?" }] }],
      "messages.0.content.0.tool_use_id",
    ],
    [
      "an unknown block type",
      [{ role: "user", content: [{ type: "hologram", data: "?" }] }],
      "messages.0.content.0.type",
    ],
    [
      "an image of a type Gemini cannot read",
      [
        {
          role: "user",
          content: [
            { type: "image", source: { type: "base64", media_type: "image/tiff", data: "AAAA" } },
          ],
        },
      ],
      "messages.0.content.0.source.media_type",
    ],
    [
      "a file_id image",
      [{ role: "user", content: [{ type: "image", source: { type: "file", file_id: "file_1" } }] }],
      "messages.0.content.0.source",
    ],
    [
      "a tool_use without a name",
      [{ role: "assistant", content: [{ type: "tool_use", id: "t", input: {} }] }],
      "messages.0.content.0.name",
    ],
    ["no message with content", [{ role: "user", content: "" }], "messages"],
  ])("answers %s with a 400 naming the field", async (_label, messages, param) => {
    const error = await rejection(convert(messages));
    expect(error.status).toBe(400);
    expect(error.param).toBe(param);
  });
});
