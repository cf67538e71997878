import { HumanMessage, SystemMessage, ToolMessage } from "@langchain/core/messages";
import { tool } from "@langchain/core/tools";
import { ChatGoogleGenerativeAI, GoogleGenerativeAIEmbeddings } from "@langchain/google-genai";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { generateBodies, upstreamCalls } from "../../support/recorded-requests.ts";
import { PASS, shardKeys, startTopology, type Topology } from "../../support/topology.ts";

/**
 * LangChain's Google package (`@langchain/google-genai`, on top of `@google/generative-ai`)
 * against the native surface: `baseUrl` at the orchestrator, the PASS as `apiKey`.
 */
let topology: Topology;
beforeAll(async () => {
  topology = await startTopology({ shards: shardKeys([1, 2]) });
});
afterAll(() => topology.close());
afterEach(() => topology.emulator.reset());

const chat = (model = "gemini-2.5-flash") =>
  new ChatGoogleGenerativeAI({ model, apiKey: PASS, baseUrl: topology.url, maxRetries: 0 });

const getWeather = tool(async ({ city }) => `sunny in ${city}`, {
  name: "get_weather",
  description: "The weather in a city",
  schema: z.object({ city: z.string() }),
});

const recipe = z.object({ name: z.string(), minutes: z.number(), steps: z.array(z.string()) });

describe("@langchain/google-genai through the native surface", () => {
  it("invokes with a system message (systemInstruction upstream)", async () => {
    const answer = await chat().invoke([
      new SystemMessage("Be brief"),
      new HumanMessage("hello langchain google"),
    ]);
    expect(answer.text).toBe("Echo: hello langchain google");
    expect(answer.usage_metadata?.input_tokens).toBeGreaterThan(0);
    expect(upstreamCalls(topology)).toEqual([
      "POST /v1beta/models/gemini-2.5-flash:generateContent",
    ]);
    expect(generateBodies(topology)[0]?.systemInstruction?.parts?.[0]?.text).toBe("Be brief");
  });

  it("streams the answer in chunks", async () => {
    let text = "";
    let chunks = 0;
    for await (const chunk of await chat("gemini-3-flash-preview").stream("stream some words")) {
      text += chunk.text;
      chunks++;
    }
    expect(chunks).toBeGreaterThan(1);
    expect(text).toBe("Echo: stream some words");
    expect(upstreamCalls(topology)).toEqual([
      "POST /v1beta/models/gemini-3-flash-preview:streamGenerateContent?alt=sse",
    ]);
  });

  it("runs a tool round trip with bindTools and a ToolMessage", async () => {
    const model = chat("gemini-3-flash-preview").bindTools([getWeather]);
    const question = new HumanMessage("call get_weather");
    const call = await model.invoke([question]);
    expect(call.tool_calls?.[0]).toMatchObject({ name: "get_weather", args: { city: "echo" } });
    const toolCall = call.tool_calls?.[0];
    const result = await getWeather.invoke(toolCall as NonNullable<typeof toolCall>);
    expect(result).toBeInstanceOf(ToolMessage);
    const answer = await model.invoke([question, call, result]);
    expect(answer.text).toContain("sunny in echo");
    const [, second] = generateBodies(topology);
    const modelTurn = second?.contents?.[1]?.parts?.find((part) => part.functionCall);
    expect(modelTurn?.functionCall).toMatchObject({ name: "get_weather", args: { city: "echo" } });
    const response = second?.contents?.at(-1)?.parts?.[0]?.functionResponse;
    expect(response?.name).toBe("get_weather");
  });

  it("withStructuredOutput({method: 'functionCalling'}) gets an object from a forced call", async () => {
    const result = await chat()
      .withStructuredOutput(recipe, { method: "functionCalling", name: "recipe" })
      .invoke("a recipe");
    expect(result).toEqual({ name: "echo", minutes: 0, steps: ["echo"] });
    const [body] = generateBodies(topology);
    expect(body?.toolConfig?.functionCallingConfig).toEqual({
      mode: "ANY",
      allowedFunctionNames: ["recipe"],
    });
  });

  it("withStructuredOutput (jsonSchema, the default) gets an object (responseSchema upstream)", async () => {
    const result = await chat().withStructuredOutput(recipe).invoke("a recipe");
    expect(result).toEqual({ name: "echo", minutes: 0, steps: ["echo"] });
    const config = generateBodies(topology)[0]?.generationConfig;
    expect(config?.responseMimeType).toBe("application/json");
    expect(JSON.stringify(config?.responseSchema)).toContain("minutes");
  });

  it("embeds a query and documents (embedContent, batchEmbedContents)", async () => {
    const embeddings = new GoogleGenerativeAIEmbeddings({
      model: "gemini-embedding-001",
      apiKey: PASS,
      baseUrl: topology.url,
      maxRetries: 0,
    });
    const query = await embeddings.embedQuery("one query");
    expect(query.length).toBeGreaterThan(0);
    const documents = await embeddings.embedDocuments(["first", "second", "third"]);
    expect(documents).toHaveLength(3);
    expect(upstreamCalls(topology)).toEqual([
      "POST /v1beta/models/gemini-embedding-001:embedContent",
      "POST /v1beta/models/gemini-embedding-001:batchEmbedContents",
    ]);
  });

  it("rejects with the gateway's error for a wrong key, calling no upstream", async () => {
    const wrong = new ChatGoogleGenerativeAI({
      model: "gemini-2.5-flash",
      apiKey: "not-the-pass",
      baseUrl: topology.url,
      maxRetries: 0,
    });
    await expect(wrong.invoke("hi")).rejects.toThrow(/40[013]/);
    expect(topology.emulator.requests()).toEqual([]);
  });
});
