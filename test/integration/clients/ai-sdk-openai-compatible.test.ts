import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import { embedMany, generateText, Output, stepCountIs, streamText, tool } from "ai";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { generateBodies, upstreamCalls } from "../../support/recorded-requests.ts";
import { PASS, shardKeys, startTopology, type Topology } from "../../support/topology.ts";

/**
 * The AI SDK's OpenAI-compatible provider (`@ai-sdk/openai-compatible`, unmodified) against the
 * OpenAI chat surface, at Google's documented compatibility base URL
 * (https://generativelanguage.googleapis.com/v1beta/openai/ with only the host swapped: issue 21
 * item 5) and at `/v1`.
 */
let topology: Topology;
beforeAll(async () => {
  topology = await startTopology({ shards: shardKeys([2, 1]) });
});
afterAll(() => topology.close());
afterEach(() => topology.emulator.reset());

const weather = tool({
  description: "Weather for a city",
  inputSchema: z.object({ city: z.string() }),
  execute: async ({ city }) => ({ city, temp: 21 }),
});

describe.each(["/v1beta/openai", "/v1"])("@ai-sdk/openai-compatible at %s", (prefix) => {
  const provider = (settings: { supportsStructuredOutputs?: boolean } = {}) =>
    createOpenAICompatible({
      name: "zen",
      baseURL: `${topology.url}${prefix}`,
      apiKey: PASS,
      includeUsage: true,
      ...settings,
    });

  it("generateText answers, with the system prompt as Gemini's systemInstruction", async () => {
    const result = await generateText({
      model: provider().chatModel("gemini-2.5-flash"),
      system: "Answer briefly",
      prompt: "hello compatible",
      temperature: 0.25,
    });
    expect(result.text).toBe("Echo: hello compatible");
    expect(result.finishReason).toBe("stop");
    expect(result.usage.inputTokens).toBeGreaterThan(0);
    expect(upstreamCalls(topology)).toEqual([
      "POST /v1beta/models/gemini-2.5-flash:generateContent",
    ]);
    const [body] = generateBodies(topology);
    expect(body?.systemInstruction?.parts?.[0]?.text).toBe("Answer briefly");
    expect(body?.contents?.[0]?.parts?.[0]?.text).toBe("hello compatible");
    expect(body?.generationConfig?.temperature).toBe(0.25);
  });

  it("streamText streams the text and the usage (stream_options.include_usage)", async () => {
    const result = streamText({
      model: provider().chatModel("gemini-3-flash-preview"),
      prompt: "stream a few words please",
    });
    const deltas: string[] = [];
    for await (const delta of result.textStream) deltas.push(delta);
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.join("")).toBe("Echo: stream a few words please");
    expect((await result.usage).outputTokens).toBeGreaterThan(0);
    expect(upstreamCalls(topology)).toEqual([
      "POST /v1beta/models/gemini-3-flash-preview:streamGenerateContent?alt=sse",
    ]);
  });

  it("runs a tool round trip, streamed: arguments out, the tool's result back", async () => {
    const result = streamText({
      model: provider().chatModel("gemini-3-flash-preview"),
      prompt: "call weather",
      tools: { weather },
      stopWhen: stepCountIs(3),
    });
    let text = "";
    for await (const delta of result.textStream) text += delta;
    expect(text).toBe('Tool said: {"city":"echo","temp":21}');
    const steps = await result.steps;
    expect(steps[0]?.toolCalls[0]).toMatchObject({ toolName: "weather", input: { city: "echo" } });
    const [first, second] = generateBodies(topology);
    expect(first?.tools?.[0]?.functionDeclarations?.[0]?.name).toBe("weather");
    const call = second?.contents?.at(-2)?.parts?.find((part) => part.functionCall);
    expect(call?.functionCall).toMatchObject({ name: "weather", args: { city: "echo" } });
    // The signature Gemini 3 put on its call travels back through the client's tool-call id.
    expect(call?.thoughtSignature).toEqual(expect.any(String));
    const answer = second?.contents?.at(-1)?.parts?.[0]?.functionResponse;
    expect(answer?.name).toBe("weather");
  });

  it("gets an object of the schema with Output.object (json_schema → responseJsonSchema)", async () => {
    const recipe = z.object({ name: z.string(), minutes: z.number(), steps: z.array(z.string()) });
    const { output } = await generateText({
      model: provider({ supportsStructuredOutputs: true }).chatModel("gemini-2.5-flash"),
      output: Output.object({ schema: recipe }),
      prompt: "a recipe",
    });
    expect(output).toEqual({ name: "echo", minutes: 0, steps: ["echo"] });
    const config = generateBodies(topology)[0]?.generationConfig;
    expect(config?.responseMimeType).toBe("application/json");
    expect(JSON.stringify(config?.responseJsonSchema ?? config?.responseSchema)).toContain(
      "minutes",
    );
  });

  it("embeds many values through /embeddings (batchEmbedContents upstream)", async () => {
    const { embeddings } = await embedMany({
      model: provider().embeddingModel("gemini-embedding-001"),
      values: ["first", "second"],
    });
    expect(embeddings).toHaveLength(2);
    expect(embeddings[0]?.length).toBeGreaterThan(0);
    expect(upstreamCalls(topology)).toEqual([
      "POST /v1beta/models/gemini-embedding-001:batchEmbedContents",
    ]);
  });

  it("throws the gateway's 401 (an OpenAI-shaped error) for a wrong key", async () => {
    const wrong = createOpenAICompatible({
      name: "zen",
      baseURL: `${topology.url}${prefix}`,
      apiKey: "not-the-pass",
    });
    await expect(
      generateText({ model: wrong.chatModel("gemini-2.5-flash"), prompt: "hi", maxRetries: 0 }),
    ).rejects.toMatchObject({ statusCode: 401 });
    expect(topology.emulator.requests()).toEqual([]);
  });
});
