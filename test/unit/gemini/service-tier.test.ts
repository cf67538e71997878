import { ServiceTier } from "@google/genai";
import { describe, expect, it } from "vitest";
import { servedTier } from "../../../src/gemini/service-tier.ts";
import type { GeminiGenerateContentResponse } from "../../../src/gemini/types.ts";
import { toGeminiRequest as toGeminiMessages } from "../../../src/surfaces/anthropic/translate/request.ts";
import { fromGeminiResponse as toAnthropicMessage } from "../../../src/surfaces/anthropic/translate/response.ts";
import { MessagesStreamTranslator } from "../../../src/surfaces/anthropic/translate/stream.ts";
import { parseMessagesRequest } from "../../../src/surfaces/anthropic/validate/messages-request.ts";
import { toGeminiRequest as toGeminiChat } from "../../../src/surfaces/openai/translate/chat-request.ts";
import { fromGeminiResponse as toChatCompletion } from "../../../src/surfaces/openai/translate/chat-response.ts";
import { ChatStreamTranslator } from "../../../src/surfaces/openai/translate/chat-stream.ts";
import { parseChatRequest } from "../../../src/surfaces/openai/validate/chat-request.ts";
import { ResponseBuilder } from "../../../src/surfaces/responses/translate/output-builder.ts";
import type { ResponsesResponse } from "../../../src/surfaces/responses/translate/response-types.ts";
import { toGeminiRequest as toGeminiResponses } from "../../../src/surfaces/responses/translate/responses-request.ts";
import { ToolNames } from "../../../src/surfaces/responses/translate/tools.ts";
import { parseResponsesRequest } from "../../../src/surfaces/responses/validate/responses-request.ts";

const options = {
  defaultModel: "gemini-3-flash-preview",
  resolveImage: async () => ({ mimeType: "image/png", data: "AAAA" }),
};

const served = (tier: string): GeminiGenerateContentResponse => ({
  candidates: [{ content: { role: "model", parts: [{ text: "hi" }] }, finishReason: "STOP" }],
  usageMetadata: { promptTokenCount: 1, candidatesTokenCount: 1, serviceTier: tier },
});

async function chatTier(tier: string) {
  const request = parseChatRequest({
    messages: [{ role: "user", content: "hi" }],
    service_tier: tier,
  });
  return (await toGeminiChat(request, options)).body.serviceTier;
}

async function responsesTier(tier: string) {
  const request = parseResponsesRequest({ input: "hi", service_tier: tier });
  return (await toGeminiResponses(request, options)).body.serviceTier;
}

describe("service tiers", () => {
  it("reads every ServiceTier of the installed @google/genai, in either spelling", () => {
    for (const value of Object.values(ServiceTier)) {
      const expected = value === "unspecified" ? undefined : value;
      expect(servedTier({ serviceTier: value })).toBe(expected);
      expect(servedTier({ serviceTier: `SERVICE_TIER_${value.toUpperCase()}` })).toBe(expected);
    }
  });

  it.each([
    ["flex", "flex"],
    ["priority", "priority"],
    ["default", "standard"],
    ["auto", undefined],
    ["scale", undefined],
  ])("sends OpenAI's %s as Gemini's serviceTier %s (chat and Responses)", async (tier, gemini) => {
    expect(await chatTier(tier)).toBe(gemini);
    expect(await responsesTier(tier)).toBe(gemini);
  });

  it("answers 400 naming service_tier for a tier no API has", async () => {
    expect(() =>
      parseChatRequest({ messages: [{ role: "user", content: "hi" }], service_tier: "turbo" }),
    ).toThrow(/service_tier/);
    expect(() => parseResponsesRequest({ input: "hi", service_tier: "turbo" })).toThrow(
      /service_tier/,
    );
    expect(() =>
      parseMessagesRequest({ model: "claude-x", max_tokens: 1, messages: [], service_tier: "x" }),
    ).toThrow(/service_tier/);
  });

  it("sends Anthropic's standard_only as standard and auto as Gemini's default", async () => {
    const selection = { model: "gemini-3-flash-preview" } as Parameters<typeof toGeminiMessages>[1];
    const call = async (tier: string) =>
      (
        await toGeminiMessages(
          parseMessagesRequest({
            model: "claude-x",
            max_tokens: 10,
            messages: [{ role: "user", content: "hi" }],
            service_tier: tier,
          }),
          selection,
          options.resolveImage,
        )
      ).body.serviceTier;
    expect(await call("standard_only")).toBe("standard");
    expect(await call("auto")).toBeUndefined();
  });

  it.each([
    ["standard", "default", "standard"],
    ["flex", "flex", null],
    ["priority", "priority", "priority"],
  ])("echoes the tier Gemini served (%s) on every surface", (tier, openai, anthropic) => {
    const context = { id: "chatcmpl-x", model: "m", created: 1, includeThoughts: false };
    expect(toChatCompletion(served(tier), context).service_tier).toBe(openai);
    const stream = new ChatStreamTranslator({ ...context, includeUsage: true });
    stream.push(served(tier));
    expect(stream.end().chunks.map((chunk) => chunk.service_tier)).toEqual([openai, openai]);

    const messageContext = { id: "msg_x", model: "claude-x", includeThoughts: false };
    expect(toAnthropicMessage(served(tier), messageContext).usage.service_tier).toBe(anthropic);
    const anthropicStream = new MessagesStreamTranslator(messageContext);
    anthropicStream.push(served(tier));
    const end = anthropicStream.end();
    const delta = Array.isArray(end) ? end.find((event) => event.type === "message_delta") : null;
    expect(delta && "usage" in delta ? delta.usage.service_tier : "none").toBe(anthropic);

    const builder = new ResponseBuilder({
      response: {
        output: [],
        output_text: "",
        service_tier: "auto",
      } as unknown as ResponsesResponse,
      names: new ToolNames(),
      reasoning: false,
      includeEncryptedReasoning: false,
    });
    builder.push(served(tier));
    builder.finish();
    expect(builder.response.service_tier).toBe(openai);
  });

  it("claims no tier when Gemini names none", () => {
    const answer = served("standard");
    delete answer.usageMetadata?.serviceTier;
    const context = { id: "chatcmpl-x", model: "m", created: 1, includeThoughts: false };
    expect(toChatCompletion(answer, context)).not.toHaveProperty("service_tier");
    // Anthropic's Usage type requires the field: null says no tier.
    expect(
      toAnthropicMessage(answer, { id: "msg_x", model: "c", includeThoughts: false }).usage
        .service_tier,
    ).toBeNull();
  });
});
