import OpenAI from "openai";
import { zodTextFormat } from "openai/helpers/zod";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { type BackendFixture, startBackend } from "../support/backend.ts";

let backend: BackendFixture;
beforeAll(async () => {
  backend = await startBackend();
});
afterAll(() => backend.close());
afterEach(() => backend.emulator.reset());

const PIXEL_PNG =
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

const weatherTool = {
  type: "function" as const,
  name: "get_weather",
  description: "Weather for a city",
  strict: false,
  parameters: {
    type: "object",
    properties: { city: { type: "string" } },
    required: ["city"],
  },
};

describe("POST /v1/responses through the openai SDK", () => {
  it("answers a string input with a message item, output_text and usage", async () => {
    const response = await backend.client.responses.create({
      model: "gemini-2.5-flash",
      instructions: "Be brief.",
      input: "hello responses",
    });
    expect(response.id).toMatch(/^resp_/);
    expect(response.object).toBe("response");
    expect(response.status).toBe("completed");
    expect(response.output_text).toContain("hello responses");
    const message = response.output.find((item) => item.type === "message");
    expect(message?.id).toMatch(/^msg_/);
    expect(response.usage?.input_tokens).toBeGreaterThan(0);
    expect(response.usage?.output_tokens_details.reasoning_tokens).toBeGreaterThanOrEqual(0);
    expect(response.usage?.input_tokens_details.cached_tokens).toBe(0);
    const request = backend.emulator.requests()[0] as { body: unknown };
    expect(
      JSON.stringify((request.body as { systemInstruction?: unknown }).systemInstruction),
    ).toContain("Be brief.");
  });

  it("streams the documented event sequence with increasing sequence numbers and stable ids", async () => {
    const stream = backend.client.responses.stream({
      model: "gemini-2.5-flash",
      input: [{ role: "user", content: "stream a few words for me please" }],
    });
    const events: { type: string; sequence_number: number; item_id?: string }[] = [];
    for await (const event of stream) events.push(event);
    const final = await stream.finalResponse();
    const types = events.map((event) => event.type);
    expect(types.slice(0, 5)).toEqual([
      "response.created",
      "response.in_progress",
      "response.output_item.added",
      "response.content_part.added",
      "response.output_text.delta",
    ]);
    expect(types.slice(-4)).toEqual([
      "response.output_text.done",
      "response.content_part.done",
      "response.output_item.done",
      "response.completed",
    ]);
    expect(events.map((event) => event.sequence_number)).toEqual(events.map((_, index) => index));
    const itemIds = new Set(events.flatMap((event) => (event.item_id ? [event.item_id] : [])));
    expect(itemIds.size).toBe(1);
    expect(final.output_text).toContain("stream a few words");
    expect(final.status).toBe("completed");
  });

  it("runs a function-tool loop over several turns, replaying items as Codex does (store: false)", async () => {
    const input: OpenAI.Responses.ResponseInput = [{ role: "developer", content: "Use tools." }];
    const ask = (conversation: OpenAI.Responses.ResponseInput) =>
      backend.client.responses.create({
        model: "gemini-3-flash-preview",
        input: conversation,
        tools: [weatherTool],
        store: false,
        reasoning: { summary: "auto" },
        include: ["reasoning.encrypted_content"],
      });
    for (let turn = 0; turn < 3; turn++) {
      input.push({ role: "user", content: "call get_weather" });
      const response = await ask(input);
      const call = response.output.find((item) => item.type === "function_call");
      const reasoning = response.output.find((item) => item.type === "reasoning");
      expect(reasoning?.type).toBe("reasoning");
      expect(call).toMatchObject({ type: "function_call", name: "get_weather" });
      if (call?.type !== "function_call") throw new Error("no call");
      expect(JSON.parse(call.arguments)).toHaveProperty("city");
      input.push(...(response.output as OpenAI.Responses.ResponseInputItem[]));
      input.push({ type: "function_call_output", call_id: call.call_id, output: '{"temp":21}' });
      const answer = await ask(input);
      expect(answer.output_text).toContain('Tool said: {"temp":21}');
      input.push(...(answer.output as OpenAI.Responses.ResponseInputItem[]));
    }
    // Gemini 3 checks every replayed call's thought signature (the emulator as the real API).
    const last = backend.emulator.requests().at(-1)?.body as {
      contents: { role: string; parts: { functionCall?: unknown; thoughtSignature?: string }[] }[];
    };
    const calls = last.contents
      .flatMap((content) => content.parts)
      .filter((part) => part.functionCall);
    expect(calls).toHaveLength(3);
    for (const part of calls) expect(part.thoughtSignature).toMatch(/^[A-Za-z0-9+/]+=*$/);
  });

  it("parses a json_schema text format with zod via responses.parse", async () => {
    const Answer = z.object({ city: z.string(), days: z.number().int() });
    const response = await backend.client.responses.parse({
      model: "gemini-2.5-flash",
      input: "weather plan",
      text: { format: zodTextFormat(Answer, "answer") },
    });
    expect(response.output_parsed).toEqual({ city: "echo", days: 0 });
    const request = backend.emulator.requests()[0] as { body: unknown };
    const config = (request.body as { generationConfig?: Record<string, unknown> })
      .generationConfig;
    expect(config?.responseMimeType).toBe("application/json");
  });

  it("sends input_image data URLs to Gemini as inline data", async () => {
    const response = await backend.client.responses.create({
      model: "gemini-2.5-flash",
      input: [
        {
          role: "user",
          content: [
            { type: "input_text", text: "what is this" },
            {
              type: "input_image",
              image_url: `data:image/png;base64,${PIXEL_PNG}`,
              detail: "auto",
            },
          ],
        },
      ],
    });
    expect(response.output_text).toContain("[image/png 70 bytes]");
  });

  it("refuses previous_response_id and retrieval clearly: nothing is stored", async () => {
    const error = await backend.client.responses
      .create({ model: "gemini-2.5-flash", input: "hi", previous_response_id: "resp_123" })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect((error as InstanceType<typeof OpenAI.BadRequestError>).param).toBe(
      "previous_response_id",
    );
    const missing = await backend.client.responses
      .retrieve("resp_123")
      .catch((caught: unknown) => caught);
    expect(missing).toBeInstanceOf(OpenAI.NotFoundError);
    expect(String((missing as Error).message)).toContain("keeps no state");
  });

  it("leaves web_search out on a Gemini 2.x model that cannot combine it with functions, and says so", async () => {
    const raw = await backend.client.responses
      .create({
        model: "gemini-2.5-flash-lite",
        input: "call get_weather",
        tools: [{ type: "web_search" }, weatherTool],
      })
      .withResponse();
    expect(raw.response.headers.get("x-router-dropped-tools")).toBe("web_search");
    const request = backend.emulator.requests()[0] as { body: unknown };
    const tools = (request.body as { tools?: unknown[] }).tools ?? [];
    expect(JSON.stringify(tools)).not.toContain("googleSearch");
  });

  it("flattens namespace tools and names their calls back with the namespace", async () => {
    const response = await backend.client.responses.create({
      model: "gemini-2.5-flash",
      input: "call crm.lookup",
      tools: [
        {
          type: "namespace",
          name: "crm",
          description: "CRM tools",
          tools: [
            {
              type: "function",
              name: "lookup",
              parameters: { type: "object", properties: { id: { type: "string" } } },
            },
          ],
        } as unknown as OpenAI.Responses.Tool,
      ],
    });
    const call = response.output.find((item) => item.type === "function_call");
    expect(call).toMatchObject({ name: "lookup", namespace: "crm" });
  });

  it("answers a wrong PASS with the SDK's AuthenticationError", async () => {
    const client = new OpenAI({ baseURL: `${backend.url}/v1`, apiKey: "wrong", maxRetries: 0 });
    const error = await client.responses
      .create({ model: "gemini-2.5-flash", input: "hi" })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.AuthenticationError);
  });

  it("ends a stream that Gemini breaks after the first event with response.failed, never completed", async () => {
    for (const key of backend.keys) {
      backend.emulator.setKeyBehavior(key, { kind: "error-in-stream", afterChunks: 1 });
    }
    const stream = await backend.client.responses.create({
      model: "gemini-2.5-flash",
      input: "stream a few words for me please",
      stream: true,
    });
    const types: string[] = [];
    for await (const event of stream) types.push(event.type);
    expect(types).toContain("response.output_text.delta");
    expect(types.at(-1)).toBe("response.failed");
    expect(types).not.toContain("response.completed");
  });
});
