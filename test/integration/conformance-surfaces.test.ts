import Anthropic from "@anthropic-ai/sdk";
import OpenAI from "openai";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { PASS, shardKeys, startTopology, type Topology } from "../support/topology.ts";

/**
 * What real clients found through the orchestrator (issue 21, items 3 and 5-8): each defect is
 * driven here with the client that found it, through the whole topology.
 */
let topology: Topology;
let anthropic: Anthropic;

beforeAll(async () => {
  topology = await startTopology({ shards: shardKeys([2, 1]) });
  anthropic = new Anthropic({ baseURL: topology.url, apiKey: PASS, maxRetries: 0 });
});
afterAll(() => topology.close());
afterEach(() => topology.emulator.reset());

/** The Gemini generate bodies the emulator saw, oldest first. */
const generateBodies = () =>
  topology.emulator
    .requests()
    .filter((request) => /:(stream)?generateContent/i.test(request.path))
    .map((request) => request.body as Record<string, unknown>);

describe("Anthropic Models API through @anthropic-ai/sdk", () => {
  it("lists models in Anthropic's shape and pages them with after_id (x-api-key)", async () => {
    const first = await anthropic.models.list({ limit: 2 });
    expect(first.data).toHaveLength(2);
    for (const model of first.data) {
      expect(model.type).toBe("model");
      expect(model.id).not.toMatch(/^models\//);
      expect(typeof model.display_name).toBe("string");
      expect(Number.isNaN(Date.parse(model.created_at))).toBe(false);
    }
    expect(first.has_more).toBe(true);
    expect(first.first_id).toBe(first.data[0]?.id);
    expect(first.last_id).toBe(first.data[1]?.id);
    const all: string[] = [];
    for await (const model of anthropic.models.list({ limit: 5 })) all.push(model.id);
    expect(new Set(all).size).toBe(all.length);
    expect(all.slice(0, 2)).toEqual(first.data.map((model) => model.id));
    expect(all).toContain("gemini-3.8-flash");
    // Only models /v1/messages can use: no embedding model.
    expect(all.some((id) => id.includes("embedding"))).toBe(false);
  });

  it("retrieves a Gemini id and a Claude name (with a bearer token)", async () => {
    const bearer = new Anthropic({ baseURL: topology.url, authToken: PASS, maxRetries: 0 });
    const flash = await bearer.models.retrieve("gemini-2.5-flash");
    expect(flash).toMatchObject({ type: "model", id: "gemini-2.5-flash" });
    expect(flash.max_tokens).toBeGreaterThan(0);
    const sonnet = await bearer.models.retrieve("claude-sonnet-4-5");
    expect(sonnet.id).toBe("claude-sonnet-4-5");
    expect(sonnet.display_name).toContain("served by");
  });

  it("answers an unknown model with Anthropic's NotFoundError", async () => {
    const error = await anthropic.models.retrieve("gemini-0-nothing").catch((caught) => caught);
    expect(error).toBeInstanceOf(Anthropic.NotFoundError);
  });

  it("answers a wrong key with Anthropic's 401, in the same words from orchestrator and backend", async () => {
    const wrong = new Anthropic({ baseURL: topology.url, apiKey: "nope", maxRetries: 0 });
    const error = await wrong.models.list().catch((caught) => caught);
    expect(error).toBeInstanceOf(Anthropic.AuthenticationError);
    const backend = await topology.workers.miniflare.getWorker("b0");
    const direct = await backend.fetch("http://backend/v1/models", {
      headers: { "x-api-key": "nope", "anthropic-version": "2023-06-01" },
    });
    expect(direct.status).toBe(401);
    const body = (await direct.json()) as { error: { message: string } };
    const viaOrchestrator = (error as InstanceType<typeof Anthropic.APIError>).error as {
      error: { message: string };
    };
    expect(body.error.message).toBe(viaOrchestrator.error.message);
  });

  it("keeps OpenAI's shape for OpenAI clients on the same path", async () => {
    const page = await topology.client.models.list();
    expect(page.data[0]?.object).toBe("model");
  });
});

describe("OpenAI's 401 on an OpenAI route says the same from orchestrator and backend", () => {
  it("refuses x-api-key on /v1/chat/completions in both, with one message", async () => {
    const init = {
      method: "POST",
      headers: { "x-api-key": PASS, "content-type": "application/json" },
      body: JSON.stringify({
        model: "gemini-2.5-flash",
        messages: [{ role: "user", content: "hi" }],
      }),
    };
    const viaOrchestrator = await fetch(`${topology.url}/v1/chat/completions`, init);
    const backend = await topology.workers.miniflare.getWorker("b0");
    const direct = await backend.fetch("http://backend/v1/chat/completions", init);
    expect(viaOrchestrator.status).toBe(401);
    expect(direct.status).toBe(401);
    const [a, b] = (await Promise.all([viaOrchestrator.json(), direct.json()])) as {
      error: { message: string };
    }[];
    expect(a?.error.message).toBe(b?.error.message);
  });
});

describe("Google's OpenAI-compatible base URL (/v1beta/openai/)", () => {
  const google = () =>
    new OpenAI({ baseURL: `${topology.url}/v1beta/openai/`, apiKey: PASS, maxRetries: 0 });

  it("serves chat completions, streamed and whole", async () => {
    const completion = await google().chat.completions.create({
      model: "gemini-2.5-flash",
      messages: [{ role: "user", content: "hello google base" }],
    });
    expect(completion.choices[0]?.message.content).toContain("hello google base");
    const stream = await google().chat.completions.create({
      model: "gemini-2.5-flash",
      messages: [{ role: "user", content: "stream google base" }],
      stream: true,
    });
    let text = "";
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? "";
    expect(text).toContain("stream google base");
  });

  it("serves embeddings and the model list in OpenAI's shape", async () => {
    const embeddings = await google().embeddings.create({
      model: "gemini-embedding-001",
      input: ["one", "two"],
    });
    expect(embeddings.data).toHaveLength(2);
    const models = await google().models.list();
    expect(models.data.map((model) => model.id)).toContain("gemini-3.8-flash");
    expect(models.data[0]?.object).toBe("model");
  });

  it("answers OpenAI's 401 and 404 there, not Gemini's", async () => {
    const wrong = new OpenAI({
      baseURL: `${topology.url}/v1beta/openai/`,
      apiKey: "nope",
      maxRetries: 0,
    });
    const error = await wrong.models.list().catch((caught) => caught);
    expect(error).toBeInstanceOf(OpenAI.AuthenticationError);
    const missing = await fetch(`${topology.url}/v1beta/openai/nothing`, {
      headers: { authorization: `Bearer ${PASS}` },
    });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { message: expect.any(String) } });
  });
});

describe("custom tools on chat completions (openai SDK)", () => {
  const tools: OpenAI.Chat.ChatCompletionTool[] = [
    {
      type: "custom",
      custom: {
        name: "apply_patch",
        description: "Applies a patch",
        format: { type: "grammar", grammar: { syntax: "lark", definition: "start: /.+/" } },
      },
    },
  ];

  it("declares a custom tool and answers its call as a custom tool call, whole and streamed", async () => {
    const completion = await topology.client.chat.completions.create({
      model: "gemini-2.5-flash",
      messages: [{ role: "user", content: "call apply_patch" }],
      tools,
    });
    const call = completion.choices[0]?.message.tool_calls?.[0];
    expect(call?.type).toBe("custom");
    if (call?.type !== "custom") throw new Error("expected a custom tool call");
    expect(call.custom.name).toBe("apply_patch");
    expect(typeof call.custom.input).toBe("string");
    const [body] = generateBodies();
    const declaration = JSON.stringify(body?.tools);
    expect(declaration).toContain("apply_patch");
    expect(declaration).toContain("start: /.+/");

    const stream = await topology.client.chat.completions.create({
      model: "gemini-2.5-flash",
      messages: [{ role: "user", content: "call apply_patch" }],
      tools,
      tool_choice: { type: "custom", custom: { name: "apply_patch" } },
      stream: true,
    });
    const calls: unknown[] = [];
    let finish: string | null = null;
    for await (const chunk of stream) {
      calls.push(...(chunk.choices[0]?.delta.tool_calls ?? []));
      finish = chunk.choices[0]?.finish_reason ?? finish;
    }
    expect(calls).toEqual([
      expect.objectContaining({
        type: "custom",
        custom: expect.objectContaining({ name: "apply_patch" }),
      }),
    ]);
    expect(finish).toBe("tool_calls");
  });

  it("takes a custom tool call and its result back in the conversation", async () => {
    const completion = await topology.client.chat.completions.create({
      model: "gemini-2.5-flash",
      messages: [
        { role: "user", content: "patch it" },
        {
          role: "assistant",
          content: null,
          tool_calls: [
            { id: "call_1", type: "custom", custom: { name: "apply_patch", input: "*** Begin" } },
          ],
        },
        { role: "tool", tool_call_id: "call_1", content: "done" },
      ],
      tools,
    });
    expect(completion.choices[0]?.finish_reason).toBe("stop");
    const contents = JSON.stringify(generateBodies()[0]?.contents);
    expect(contents).toContain('"input":"*** Begin"');
    expect(contents).toContain("functionResponse");
  });
});

describe("Responses API fixes (openai SDK)", () => {
  it("accepts reasoning.effort max", async () => {
    const response = await topology.client.responses.create({
      model: "gemini-2.5-flash",
      input: "think hard",
      reasoning: { effort: "max" as "high" },
    });
    expect(response.status).toBe("completed");
    expect(response.reasoning?.effort).toBe("max");
  });

  it("returns logprobs with include message.output_text.logprobs and top_logprobs, whole and streamed", async () => {
    const response = await topology.client.responses.create({
      model: "gemini-2.5-flash",
      input: "three small words",
      include: ["message.output_text.logprobs"],
      top_logprobs: 2,
    });
    const message = response.output.find((item) => item.type === "message");
    const text = message?.type === "message" ? message.content[0] : undefined;
    if (text?.type !== "output_text") throw new Error("expected output_text");
    expect(text.logprobs?.length).toBeGreaterThan(0);
    expect(text.logprobs?.[0]?.top_logprobs).toHaveLength(2);
    expect(text.logprobs?.map((entry) => entry.token).join("")).toBe(text.text);
    const config = generateBodies()[0]?.generationConfig as Record<string, unknown>;
    expect(config).toMatchObject({ responseLogprobs: true, logprobs: 2 });

    const stream = topology.client.responses.stream({
      model: "gemini-2.5-flash",
      input: "three small words",
      include: ["message.output_text.logprobs"],
      top_logprobs: 1,
    });
    let streamed = 0;
    for await (const event of stream) {
      if (event.type === "response.output_text.delta") streamed += event.logprobs.length;
    }
    const final = await stream.finalResponse();
    const finalText = final.output.find((item) => item.type === "message");
    expect(streamed).toBeGreaterThan(0);
    expect(
      finalText?.type === "message" && finalText.content[0]?.type === "output_text"
        ? finalText.content[0].logprobs?.length
        : 0,
    ).toBe(streamed);
  });

  it("reports cache_write_tokens and echoes function tools with strict", async () => {
    const response = await topology.client.responses.create({
      model: "gemini-2.5-flash",
      input: "hi",
      tools: [
        {
          type: "function",
          name: "lookup",
          parameters: { type: "object", properties: {} },
        } as unknown as OpenAI.Responses.FunctionTool,
      ],
    });
    expect(response.usage?.input_tokens_details.cache_write_tokens).toBe(0);
    expect(response.tools[0]).toMatchObject({ type: "function", name: "lookup", strict: true });
  });

  it.each([
    [{ tool_choice: {} }, "tool_choice.type"],
    [{ text: { format: { type: "json_schema", name: null, schema: {} } } }, "text.format.name"],
    [{ input: [{ id: "msg_1" }] }, "input[0].type"],
  ])("answers 400 naming the field for %j", async (fields, param) => {
    const error = await topology.client.responses
      .create({ model: "gemini-2.5-flash", input: "hi", ...fields } as never)
      .catch((caught) => caught);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect((error as InstanceType<typeof OpenAI.BadRequestError>).param).toBe(param);
    expect((error as Error).message).not.toContain("'undefined'");
  });
});

describe("small ones (issue 21 item 8)", () => {
  it("answers a system-only conversation on chat and Responses", async () => {
    const completion = await topology.client.chat.completions.create({
      model: "gemini-2.5-flash",
      messages: [{ role: "system", content: "say hello system" }],
    });
    expect(completion.choices[0]?.message.content).toContain("say hello system");
    const response = await topology.client.responses.create({
      model: "gemini-2.5-flash",
      input: [{ role: "developer", content: "say hello developer" }],
    });
    expect(response.output_text).toContain("say hello developer");
    for (const body of generateBodies()) {
      expect(body.contents).toEqual([expect.objectContaining({ role: "user" })]);
      expect(body.systemInstruction).toBeUndefined();
    }
  });

  it("accepts Anthropic top_k 0 and leaves topK out", async () => {
    // This SDK's types no longer list top_k; the Messages spec (and older clients) still send it.
    const message = await anthropic.messages.create({
      model: "gemini-2.5-flash",
      max_tokens: 50,
      messages: [{ role: "user", content: "hi" }],
      ...{ top_k: 0 },
    });
    expect(message.stop_reason).toBe("end_turn");
    expect(generateBodies()[0]?.generationConfig).not.toHaveProperty("topK");
  });

  it.each([
    [{ model: "", max_tokens: 10 }, /^model: must name a model/],
    [{ model: "gemini-2.5-flash" }, /^max_tokens: Field required/],
  ])("answers Anthropic's 400 for %j", async (fields, message) => {
    const error = await anthropic.messages
      .create({ messages: [{ role: "user", content: "hi" }], ...fields } as never)
      .catch((caught) => caught);
    expect(error).toBeInstanceOf(Anthropic.BadRequestError);
    const body = (error as InstanceType<typeof Anthropic.BadRequestError>).error as {
      error: { type: string; message: string };
    };
    expect(body.error.type).toBe("invalid_request_error");
    expect(body.error.message).toMatch(message);
    expect(generateBodies()).toHaveLength(0);
  });
});
