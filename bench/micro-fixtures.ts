/** Inputs for the translation microbenchmarks: OpenAI requests, Gemini responses, a long stream. */
import { readFileSync } from "node:fs";
import type { GeminiGenerateContentResponse } from "../src/gemini/types.ts";
import type { OpenAIChatRequest } from "../src/surfaces/openai/translate/openai-types.ts";

const MODEL = "gemini-2.5-flash";

export const smallChatRequest: OpenAIChatRequest = {
  model: MODEL,
  messages: [
    { role: "system", content: "You are a concise assistant." },
    { role: "user", content: "What is the capital of France?" },
  ],
  temperature: 0.2,
};

export const smallChatResponse: GeminiGenerateContentResponse = {
  candidates: [
    {
      content: { role: "model", parts: [{ text: "The capital of France is Paris." }] },
      finishReason: "STOP",
      index: 0,
    },
  ],
  usageMetadata: { promptTokenCount: 14, candidatesTokenCount: 8, totalTokenCount: 22 },
  modelVersion: MODEL,
  responseId: "bench-small",
};

const weatherParameters = {
  type: "object",
  properties: {
    city: { type: "string", description: "City name" },
    unit: { type: "string", enum: ["celsius", "fahrenheit"] },
    days: { type: "integer", minimum: 1, maximum: 14 },
  },
  required: ["city"],
  additionalProperties: false,
};

/** 100 messages: a system prompt, then user / assistant-with-tool-call / tool result turns. */
export function longToolChatRequest(): OpenAIChatRequest {
  const messages: OpenAIChatRequest["messages"] = [
    { role: "system", content: "You plan trips and check the weather before suggesting clothes." },
  ];
  for (let turn = 0; messages.length < 100; turn++) {
    const id = `call_${turn}`;
    messages.push({ role: "user", content: `Day ${turn}: what should I wear in city ${turn}?` });
    messages.push({
      role: "assistant",
      content: null,
      tool_calls: [
        {
          id,
          type: "function",
          function: { name: "get_weather", arguments: `{"city":"City ${turn}","unit":"celsius"}` },
        },
      ],
    });
    messages.push({ role: "tool", tool_call_id: id, content: `{"temperature":${turn % 30}}` });
    messages.push({ role: "assistant", content: `It is ${turn % 30} °C in city ${turn}: a coat.` });
  }
  const tools = ["get_weather", "get_forecast", "find_hotel", "book_train", "convert_currency"].map(
    (name) => ({
      type: "function" as const,
      function: { name, description: `Tool ${name}`, parameters: weatherParameters },
    }),
  );
  return { model: MODEL, messages: messages.slice(0, 100), tools, tool_choice: "auto" };
}

export const toolCallResponse: GeminiGenerateContentResponse = {
  candidates: [
    {
      content: {
        role: "model",
        parts: [
          { functionCall: { name: "get_weather", args: { city: "Paris", unit: "celsius" } } },
          { functionCall: { name: "get_forecast", args: { city: "Lyon", days: 3 } } },
        ],
      },
      finishReason: "STOP",
      index: 0,
    },
  ],
  usageMetadata: { promptTokenCount: 2400, candidatesTokenCount: 30, totalTokenCount: 2430 },
  modelVersion: MODEL,
};

/** A user message carrying a data-URL image of `bytes` random-looking bytes (base64 in JSON). */
export function imageChatRequest(bytes = 1024 * 1024): OpenAIChatRequest {
  const raw = Buffer.alloc(bytes);
  for (let index = 0; index < bytes; index++) raw[index] = (index * 2654435761) >>> 24;
  const url = `data:image/png;base64,${raw.toString("base64")}`;
  return {
    model: MODEL,
    messages: [
      {
        role: "user",
        content: [
          { type: "text", text: "Describe this image." },
          { type: "image_url", image_url: { url } },
        ],
      },
    ],
  };
}

/**
 * A long Gemini SSE stream: the text events of the recorded fixture
 * `test/fixtures/streams/multilingual-text.sse` repeated `events` times, then its finish event.
 */
export function longGeminiStream(events = 2000): string {
  const fixture = readFileSync(
    new URL("../test/fixtures/streams/multilingual-text.sse", import.meta.url),
    "utf8",
  );
  // Gemini separates events with CRLF CRLF, as the recording does; keep its bytes as they are.
  const blocks = fixture.split(/\r?\n\r?\n/).filter((block) => block.trim() !== "");
  const finish = blocks.at(-1) ?? "";
  const body = blocks.slice(0, -1);
  const out: string[] = [];
  for (let index = 0; index < events; index++) out.push(body[index % body.length] ?? "");
  out.push(finish);
  return `${out.join("\r\n\r\n")}\r\n\r\n`;
}
