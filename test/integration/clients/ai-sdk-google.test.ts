import { createGoogleGenerativeAI } from "@ai-sdk/google";
import { embed, embedMany, generateText, Output, stepCountIs, streamText, tool } from "ai";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { generateBodies, upstreamCalls } from "../../support/recorded-requests.ts";
import { PASS, shardKeys, startTopology, type Topology } from "../../support/topology.ts";

/**
 * The AI SDK's Google provider (`@ai-sdk/google`, unmodified) against the native Gemini surface
 * of the whole topology: its base URL at the orchestrator's `/v1beta`, the PASS as its key.
 */
let topology: Topology;
beforeAll(async () => {
  topology = await startTopology({ shards: shardKeys([2, 2]) });
});
afterAll(() => topology.close());
afterEach(() => topology.emulator.reset());

const google = () => createGoogleGenerativeAI({ baseURL: `${topology.url}/v1beta`, apiKey: PASS });

const weather = tool({
  description: "Weather for a city",
  inputSchema: z.object({ city: z.string() }),
  execute: async ({ city }) => ({ city, temp: 21 }),
});

describe("@ai-sdk/google through the native surface", () => {
  it("generateText answers from the emulator with a pooled key", async () => {
    const result = await generateText({
      model: google()("gemini-2.5-flash"),
      system: "Be brief",
      prompt: "hello from the AI SDK",
    });
    expect(result.text).toBe("Echo: hello from the AI SDK");
    expect(result.finishReason).toBe("stop");
    expect(result.usage.inputTokens).toBeGreaterThan(0);
    const calls = upstreamCalls(topology);
    expect(calls).toEqual(["POST /v1beta/models/gemini-2.5-flash:generateContent"]);
    const [body] = generateBodies(topology);
    expect(body?.systemInstruction?.parts?.[0]?.text).toBe("Be brief");
    expect(body?.contents?.[0]?.parts?.[0]?.text).toBe("hello from the AI SDK");
    expect(topology.shards.flat()).toContain(topology.emulator.requests()[0]?.key);
  });

  it("streamText streams the answer over streamGenerateContent", async () => {
    topology.emulator.setOptions({ streamChunks: 5 });
    const result = streamText({
      model: google()("gemini-3-flash-preview"),
      prompt: "stream these words to me",
    });
    const deltas: string[] = [];
    for await (const delta of result.textStream) deltas.push(delta);
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.join("")).toBe("Echo: stream these words to me");
    expect(await result.finishReason).toBe("stop");
    expect(upstreamCalls(topology)).toEqual([
      "POST /v1beta/models/gemini-3-flash-preview:streamGenerateContent?alt=sse",
    ]);
    topology.emulator.setOptions({ streamChunks: 4 });
  });

  it("runs a tool round trip: the call's arguments out, the function response back", async () => {
    const result = await generateText({
      model: google()("gemini-3-flash-preview"),
      prompt: "call weather",
      tools: { weather },
      stopWhen: stepCountIs(3),
    });
    expect(result.steps).toHaveLength(2);
    expect(result.steps[0]?.toolCalls[0]).toMatchObject({
      toolName: "weather",
      input: { city: "echo" },
    });
    expect(result.text).toBe('Tool said: {"name":"weather","content":{"city":"echo","temp":21}}');
    const [first, second] = generateBodies(topology);
    expect(first?.tools?.[0]?.functionDeclarations?.[0]?.name).toBe("weather");
    const answer = second?.contents?.at(-1)?.parts?.[0]?.functionResponse;
    expect(answer?.name).toBe("weather");
    // Gemini 3 needs its thought signature back on the call it made.
    const call = second?.contents?.at(-2)?.parts?.[0];
    expect(call?.functionCall?.name).toBe("weather");
    expect(call?.thoughtSignature).toEqual(expect.any(String));
  });

  it("streams a tool round trip too", async () => {
    const result = streamText({
      model: google()("gemini-2.5-flash"),
      prompt: "call weather",
      tools: { weather },
      stopWhen: stepCountIs(3),
    });
    let text = "";
    for await (const delta of result.textStream) text += delta;
    expect(text).toContain("Tool said:");
    const steps = await result.steps;
    expect(steps[0]?.toolCalls[0]?.input).toEqual({ city: "echo" });
    expect(upstreamCalls(topology)).toEqual([
      "POST /v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse",
      "POST /v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse",
    ]);
  });

  it("gets an object of the schema with Output.object (responseSchema upstream)", async () => {
    const recipe = z.object({ name: z.string(), minutes: z.number(), steps: z.array(z.string()) });
    const { output } = await generateText({
      model: google()("gemini-2.5-flash"),
      output: Output.object({ schema: recipe }),
      prompt: "a recipe",
    });
    expect(output).toEqual({ name: "echo", minutes: 0, steps: ["echo"] });
    const config = generateBodies(topology)[0]?.generationConfig;
    expect(config?.responseMimeType).toBe("application/json");
    expect(JSON.stringify(config?.responseSchema ?? config?.responseJsonSchema)).toContain(
      "minutes",
    );
  });

  it("embeds one value and many (embedContent, batchEmbedContents)", async () => {
    const model = google().embeddingModel("gemini-embedding-001");
    const one = await embed({ model, value: "one text" });
    expect(one.embedding.length).toBeGreaterThan(0);
    const many = await embedMany({ model, values: ["first", "second", "third"] });
    expect(many.embeddings).toHaveLength(3);
    expect(many.embeddings[0]).not.toEqual(many.embeddings[1]);
    const calls = upstreamCalls(topology);
    expect(calls).toContain("POST /v1beta/models/gemini-embedding-001:embedContent");
    expect(calls).toContain("POST /v1beta/models/gemini-embedding-001:batchEmbedContents");
    const batch = topology.emulator
      .requests()
      .find((request) => request.path.endsWith(":batchEmbedContents"))?.body as {
      requests: { content: { parts: { text: string }[] } }[];
    };
    expect(batch.requests.map((request) => request.content.parts[0]?.text)).toEqual([
      "first",
      "second",
      "third",
    ]);
  });

  it("surfaces the gateway's 401 as an APICallError for a wrong key, calling no upstream", async () => {
    const wrong = createGoogleGenerativeAI({ baseURL: `${topology.url}/v1beta`, apiKey: "nope" });
    await expect(
      generateText({ model: wrong("gemini-2.5-flash"), prompt: "hi", maxRetries: 0 }),
    ).rejects.toMatchObject({ statusCode: expect.any(Number), isRetryable: false });
    expect(topology.emulator.requests()).toEqual([]);
  });
});
