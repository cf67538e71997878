import OpenAI from "openai";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type BackendFixture, startBackend } from "../support/backend.ts";

let backend: BackendFixture;
beforeAll(async () => {
  backend = await startBackend();
});
afterAll(() => backend.close());
afterEach(() => backend.emulator.reset());

const PIXEL_PNG =
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

describe("chat completions through the openai SDK", () => {
  it("answers a plain chat with Gemini's text, usage and finish_reason stop", async () => {
    const completion = await backend.client.chat.completions.create({
      model: "gemini-2.5-flash",
      messages: [
        { role: "system", content: "Be brief." },
        { role: "user", content: "hello there" },
      ],
    });
    expect(completion.object).toBe("chat.completion");
    // Google retired gemini-2.5-flash on 2026-12-01: gemini-3.5-flash-lite answers, and says so.
    expect(completion.model).toBe("gemini-3.5-flash-lite");
    expect(completion.choices[0]?.message.role).toBe("assistant");
    expect(completion.choices[0]?.message.content).toContain("hello there");
    expect(completion.choices[0]?.finish_reason).toBe("stop");
    expect(completion.usage?.prompt_tokens).toBeGreaterThan(0);
    expect(completion.usage?.total_tokens).toBe(
      (completion.usage?.prompt_tokens ?? 0) + (completion.usage?.completion_tokens ?? 0),
    );
  });

  it("sends the system prompt as Gemini's systemInstruction and the key only in a header", async () => {
    await backend.client.chat.completions.create({
      model: "gemini-2.5-flash",
      messages: [
        { role: "developer", content: "Rule one." },
        { role: "user", content: "hi" },
      ],
    });
    const [request] = backend.emulator.requests();
    const body = request?.body as { systemInstruction?: unknown; system_instruction?: unknown };
    expect(JSON.stringify(body.systemInstruction ?? body.system_instruction)).toContain(
      "Rule one.",
    );
    expect(request?.path).not.toContain("key=");
  });

  it("streams role, content deltas, a stop finish and [DONE], with usage in its own last chunk", async () => {
    const stream = await backend.client.chat.completions.create({
      model: "gemini-2.5-flash",
      messages: [{ role: "user", content: "stream me a few words please" }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks[0]?.choices[0]?.delta.role).toBe("assistant");
    const text = chunks.map((chunk) => chunk.choices[0]?.delta.content ?? "").join("");
    expect(text).toContain("stream me a few words please");
    const finishes = chunks.filter((chunk) => chunk.choices[0]?.finish_reason);
    expect(finishes).toHaveLength(1);
    expect(finishes[0]?.choices[0]?.finish_reason).toBe("stop");
    const last = chunks.at(-1);
    expect(last?.choices).toEqual([]);
    expect(last?.usage?.total_tokens).toBeGreaterThan(0);
    expect(new Set(chunks.map((chunk) => chunk.id)).size).toBe(1);
  });

  it("calls a tool, then answers from the tool's plain-text result", async () => {
    const tools: OpenAI.ChatCompletionTool[] = [
      {
        type: "function",
        function: {
          name: "get_weather",
          description: "Weather for a city",
          parameters: {
            type: "object",
            properties: { city: { type: "string" }, unit: { type: ["string", "null"] } },
            required: ["city"],
            additionalProperties: false,
          },
        },
      },
    ];
    const first = await backend.client.chat.completions.create({
      model: "gemini-2.5-flash",
      messages: [{ role: "user", content: "call get_weather for Paris" }],
      tools,
    });
    const choice = first.choices[0];
    expect(choice?.finish_reason).toBe("tool_calls");
    const call = choice?.message.tool_calls?.[0];
    expect(call?.type).toBe("function");
    if (call?.type !== "function") throw new Error("expected a function call");
    expect(call.function.name).toBe("get_weather");
    expect(JSON.parse(call.function.arguments)).toHaveProperty("city");

    const second = await backend.client.chat.completions.create({
      model: "gemini-2.5-flash",
      messages: [
        { role: "user", content: "call get_weather for Paris" },
        { role: "assistant", content: null, tool_calls: [call] },
        { role: "tool", tool_call_id: call.id, content: "sunny, 21 degrees" },
      ],
      tools,
    });
    expect(second.choices[0]?.finish_reason).toBe("stop");
    expect(second.choices[0]?.message.content).toContain("sunny, 21 degrees");
  });

  it("streams tool calls with a stable index and finish_reason tool_calls", async () => {
    const stream = await backend.client.chat.completions.create({
      model: "gemini-2.5-flash",
      messages: [{ role: "user", content: "call lookup and translate" }],
      tools: ["lookup", "translate"].map((name) => ({
        type: "function" as const,
        function: { name, parameters: { type: "object", properties: { q: { type: "string" } } } },
      })),
      stream: true,
    });
    const calls = new Map<number, { id?: string; name?: string; arguments: string }>();
    let finish: string | null | undefined;
    for await (const chunk of stream) {
      for (const delta of chunk.choices[0]?.delta.tool_calls ?? []) {
        const entry = calls.get(delta.index) ?? { arguments: "" };
        entry.id ??= delta.id;
        entry.name ??= delta.function?.name;
        entry.arguments += delta.function?.arguments ?? "";
        calls.set(delta.index, entry);
      }
      finish = chunk.choices[0]?.finish_reason ?? finish;
    }
    expect([...calls.keys()]).toEqual([0, 1]);
    expect([...calls.values()].map((call) => call.name)).toEqual(["lookup", "translate"]);
    for (const call of calls.values()) {
      expect(call.id).toBeTruthy();
      expect(() => JSON.parse(call.arguments)).not.toThrow();
    }
    expect(finish).toBe("tool_calls");
  });

  it("keeps Gemini 3's thought signature across a multi-turn tool conversation, even for clients that drop unknown fields", async () => {
    const tools: OpenAI.ChatCompletionTool[] = [
      {
        type: "function",
        function: { name: "lookup", parameters: { type: "object", properties: {} } },
      },
    ];
    const first = await backend.client.chat.completions.create({
      model: "gemini-3.1-pro-preview",
      messages: [{ role: "user", content: "call lookup" }],
      tools,
    });
    const call = first.choices[0]?.message.tool_calls?.[0];
    if (call?.type !== "function") throw new Error("expected a function call");
    // A client that keeps only the standard fields of the tool call.
    const stripped = {
      id: call.id,
      type: "function" as const,
      function: { name: call.function.name, arguments: call.function.arguments },
    };
    const second = await backend.client.chat.completions.create({
      model: "gemini-3.1-pro-preview",
      messages: [
        { role: "user", content: "call lookup" },
        { role: "assistant", content: null, tool_calls: [stripped] },
        { role: "tool", tool_call_id: call.id, content: '{"found": true}' },
      ],
      tools,
    });
    expect(second.choices[0]?.message.content).toContain("found");
  });

  it("sends a data: URL image to Gemini as inline data", async () => {
    const completion = await backend.client.chat.completions.create({
      model: "gemini-2.5-flash",
      messages: [
        {
          role: "user",
          content: [
            { type: "text", text: "what is this" },
            { type: "image_url", image_url: { url: `data:image/png;base64,${PIXEL_PNG}` } },
          ],
        },
      ],
    });
    expect(completion.choices[0]?.message.content).toContain("image/png");
  });

  it("sends input_audio and a PDF file part to Gemini as inline data", async () => {
    const completion = await backend.client.chat.completions.create({
      model: "gemini-2.5-flash",
      messages: [
        {
          role: "user",
          content: [
            { type: "text", text: "transcribe and summarise" },
            { type: "input_audio", input_audio: { data: btoa("RIFF fake wav"), format: "wav" } },
            {
              type: "file",
              file: {
                file_data: `data:application/pdf;base64,${btoa("%PDF-1.4 fake")}`,
                filename: "a.pdf",
              },
            },
          ],
        },
      ],
    });
    const content = completion.choices[0]?.message.content ?? "";
    expect(content).toContain("audio/wav");
    expect(content).toContain("application/pdf");
  });

  it("refuses a remote image_url that points into a private network", async () => {
    const error = await backend.client.chat.completions
      .create({
        model: "gemini-2.5-flash",
        messages: [
          {
            role: "user",
            content: [{ type: "image_url", image_url: { url: "https://169.254.169.254/latest" } }],
          },
        ],
      })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect(backend.emulator.requests()).toHaveLength(0);
  });

  it("answers JSON that follows a json_schema response format", async () => {
    const completion = await backend.client.chat.completions.create({
      model: "gemini-2.5-flash",
      messages: [{ role: "user", content: "give me a person" }],
      response_format: {
        type: "json_schema",
        json_schema: {
          name: "person",
          strict: true,
          schema: {
            type: "object",
            properties: { name: { type: "string" }, age: { type: "integer" } },
            required: ["name", "age"],
            additionalProperties: false,
          },
        },
      },
    });
    const person = JSON.parse(completion.choices[0]?.message.content ?? "");
    expect(person).toHaveProperty("name");
    expect(person).toHaveProperty("age");
  });

  it("returns thoughts as reasoning_content for a -thinking-high model and hides them for -refined-", async () => {
    const thinking = await backend.client.chat.completions.create({
      model: "gemini-2.5-flash-lite-thinking-high",
      messages: [{ role: "user", content: "ponder this" }],
    });
    const message = thinking.choices[0]?.message as {
      reasoning_content?: string;
      content: string | null;
    };
    expect(message.reasoning_content).toContain("ponder this");
    expect(thinking.usage?.completion_tokens_details?.reasoning_tokens).toBeGreaterThan(0);
    const sent = backend.emulator.requests()[0];
    expect(sent?.path).toContain("gemini-2.5-flash-lite:");
    expect(JSON.stringify(sent?.body)).toContain("24576");

    const refined = await backend.client.chat.completions.create({
      model: "gemini-2.5-flash-lite-refined-low",
      messages: [{ role: "user", content: "ponder this" }],
    });
    const refinedMessage = refined.choices[0]?.message as { reasoning_content?: string };
    expect(refinedMessage.reasoning_content).toBeUndefined();
  });

  it("adds Google Search grounding for a :search model", async () => {
    await backend.client.chat.completions.create({
      model: "gemini-2.5-flash:search",
      messages: [{ role: "user", content: "news" }],
    });
    expect(JSON.stringify(backend.emulator.requests()[0]?.body)).toMatch(/google_?[sS]earch/);
  });

  it("answers a blocked prompt with finish_reason content_filter", async () => {
    const completion = await backend.client.chat.completions.create({
      model: "gemini-2.5-flash",
      messages: [{ role: "user", content: "BLOCKME please" }],
    });
    expect(completion.choices[0]?.finish_reason).toBe("content_filter");
  });

  it("reports length when the answer hits max_tokens", async () => {
    const completion = await backend.client.chat.completions.create({
      model: "gemini-2.5-flash",
      messages: [{ role: "user", content: "one two three four five six seven eight nine ten" }],
      max_tokens: 2,
    });
    expect(completion.choices[0]?.finish_reason).toBe("length");
  });

  it("passes extra_body.google settings through to Gemini", async () => {
    await backend.client.chat.completions.create({
      model: "gemini-2.5-flash-lite",
      messages: [{ role: "user", content: "hi" }],
      // @ts-expect-error extra_body is an SDK request option merged into the body
      extra_body: {
        google: { thinking_config: { thinking_budget: 777, include_thoughts: false } },
      },
    });
    expect(JSON.stringify(backend.emulator.requests()[0]?.body)).toContain("777");
  });
});
