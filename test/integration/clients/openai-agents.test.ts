import { Agent, Runner, tool } from "@openai/agents";
import { OpenAIProvider } from "@openai/agents-openai";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { generateBodies, upstreamCalls } from "../../support/recorded-requests.ts";
import { PASS, shardKeys, startTopology, type Topology } from "../../support/topology.ts";

/**
 * The OpenAI Agents SDK (`@openai/agents`, unmodified) running agents against the topology with
 * its chat-completions and its Responses model providers: base URL at the orchestrator's `/v1`,
 * the PASS as the key, tracing off (it would export to api.openai.com).
 */
let topology: Topology;
beforeAll(async () => {
  topology = await startTopology({ shards: shardKeys([2, 2]) });
});
afterAll(() => topology.close());
afterEach(() => topology.emulator.reset());

const forecasts: string[] = [];
const getWeather = tool({
  name: "get_weather",
  description: "The weather in a city",
  parameters: z.object({ city: z.string() }),
  execute: async ({ city }) => {
    forecasts.push(city);
    return `sunny in ${city}, 21 degrees`;
  },
});

describe.each([
  ["chat completions", false],
  ["Responses", true],
] as const)("@openai/agents with the %s model provider", (_name, useResponses) => {
  const runner = () =>
    new Runner({
      modelProvider: new OpenAIProvider({
        apiKey: PASS,
        baseURL: `${topology.url}/v1`,
        useResponses,
      }),
      tracingDisabled: true,
    });

  it("runs an agent that answers in plain text", async () => {
    const agent = new Agent({
      name: "Greeter",
      instructions: "You greet people.",
      model: "gemini-2.5-flash",
    });
    const result = await runner().run(agent, "hello agents");
    expect(result.finalOutput).toBe("Echo: hello agents");
    expect(upstreamCalls(topology)).toEqual([
      "POST /v1beta/models/gemini-2.5-flash:generateContent",
    ]);
    const [body] = generateBodies(topology);
    expect(body?.systemInstruction?.parts?.[0]?.text).toBe("You greet people.");
    expect(body?.contents?.at(-1)?.parts?.[0]?.text).toBe("hello agents");
  });

  it("runs an agent with a function tool: the call, the tool's output, the final answer", async () => {
    forecasts.length = 0;
    const agent = new Agent({
      name: "Forecaster",
      instructions: "Use the tool.",
      model: "gemini-3-flash-preview",
      tools: [getWeather],
    });
    const result = await runner().run(agent, "call get_weather");
    expect(forecasts).toEqual(["echo"]);
    expect(result.finalOutput).toBe('Tool said: {"result":"sunny in echo, 21 degrees"}');
    const [first, second] = generateBodies(topology);
    expect(first?.tools?.[0]?.functionDeclarations?.[0]?.name).toBe("get_weather");
    const call = second?.contents?.at(-2)?.parts?.find((part) => part.functionCall);
    expect(call?.functionCall).toMatchObject({ name: "get_weather", args: { city: "echo" } });
    expect(call?.thoughtSignature).toEqual(expect.any(String));
    expect(second?.contents?.at(-1)?.parts?.[0]?.functionResponse?.name).toBe("get_weather");
  });

  it("streams an agent's run with a tool to its final text", async () => {
    forecasts.length = 0;
    const agent = new Agent({
      name: "Forecaster",
      instructions: "Use the tool.",
      model: "gemini-2.5-flash",
      tools: [getWeather],
    });
    const result = await runner().run(agent, "call get_weather", { stream: true });
    let text = "";
    for await (const delta of result.toTextStream()) text += delta;
    await result.completed;
    expect(forecasts).toEqual(["echo"]);
    expect(text).toContain("sunny in echo, 21 degrees");
    expect(result.finalOutput).toBe(text);
    expect(upstreamCalls(topology)).toEqual([
      "POST /v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse",
      "POST /v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse",
    ]);
  });

  it("hands off from a triage agent to another, whose instructions reach Gemini next", async () => {
    const spanish = new Agent({
      name: "Spanish",
      instructions: "Habla solo español.",
      model: "gemini-2.5-flash",
      handoffDescription: "Speaks Spanish",
    });
    const triage = new Agent({
      name: "Triage",
      instructions: "Route the user.",
      model: "gemini-2.5-flash",
      handoffs: [spanish],
    });
    const result = await runner().run(triage, "call transfer_to_Spanish");
    expect(result.lastAgent?.name).toBe("Spanish");
    expect(result.finalOutput).toBe('Tool said: {"assistant":"Spanish"}');
    const [first, second] = generateBodies(topology);
    expect(first?.systemInstruction?.parts?.[0]?.text).toBe("Route the user.");
    expect(first?.tools?.[0]?.functionDeclarations?.[0]?.name).toBe("transfer_to_Spanish");
    expect(second?.systemInstruction?.parts?.[0]?.text).toBe("Habla solo español.");
    expect(second?.contents?.at(-1)?.parts?.[0]?.functionResponse?.name).toBe(
      "transfer_to_Spanish",
    );
  });

  it("gets a typed final output from an agent with an outputType", async () => {
    const agent = new Agent({
      name: "Planner",
      instructions: "Plan a trip.",
      model: "gemini-2.5-flash",
      outputType: z.object({ city: z.string(), days: z.number() }),
    });
    const result = await runner().run(agent, "a trip");
    expect(result.finalOutput).toEqual({ city: "echo", days: 0 });
    const config = generateBodies(topology)[0]?.generationConfig;
    expect(config?.responseMimeType).toBe("application/json");
    expect(JSON.stringify(config?.responseJsonSchema ?? config?.responseSchema)).toContain("days");
  });
});
