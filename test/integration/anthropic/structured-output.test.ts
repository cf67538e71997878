import { createAnthropic } from "@ai-sdk/anthropic";
import Anthropic from "@anthropic-ai/sdk";
import { ChatAnthropic } from "@langchain/anthropic";
import { generateObject, generateText, Output } from "ai";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { PASS, shardKeys, startTopology, type Topology } from "../../support/topology.ts";

/**
 * Anthropic structured output (issue 21 item 2): `output_config.format` and the older
 * `output_format` reach Gemini as a JSON answer with the schema, so the clients that rely on it
 * get an object, not prose.
 */
let topology: Topology;
beforeAll(async () => {
  topology = await startTopology({ shards: shardKeys([1, 1]) });
});
afterAll(() => topology.close());
afterEach(() => topology.emulator.reset());

const recipe = z.object({
  name: z.string(),
  minutes: z.number(),
  steps: z.array(z.string()),
});

const generationConfigs = () =>
  topology.emulator
    .requests()
    .filter((request) => /:(stream)?generateContent/i.test(request.path))
    .map(
      (request) =>
        (request.body as { generationConfig?: Record<string, unknown> }).generationConfig,
    );

function expectJsonSchemaSent() {
  const [config] = generationConfigs();
  expect(config?.responseMimeType).toBe("application/json");
  const schema = JSON.stringify(config?.responseJsonSchema ?? config?.responseSchema);
  expect(schema).toContain("minutes");
  expect(schema).toContain("steps");
}

describe("@ai-sdk/anthropic structured output through the topology", () => {
  const model = () =>
    createAnthropic({ baseURL: `${topology.url}/v1`, apiKey: PASS })("claude-sonnet-4-5");

  it("generateObject gets an object of the schema", async () => {
    const { object } = await generateObject({ model: model(), schema: recipe, prompt: "a recipe" });
    expect(recipe.parse(object)).toEqual(object);
    expectJsonSchemaSent();
  });

  it("generateText with Output.object gets an object of the schema", async () => {
    const { output } = await generateText({
      model: model(),
      output: Output.object({ schema: recipe }),
      prompt: "a recipe",
    });
    expect(recipe.parse(output)).toEqual(output);
    expectJsonSchemaSent();
  });
});

describe("@langchain/anthropic withStructuredOutput({method: 'jsonSchema'})", () => {
  it("gets an object of the schema", async () => {
    const chat = new ChatAnthropic({
      model: "claude-sonnet-4-5",
      apiKey: PASS,
      anthropicApiUrl: topology.url,
      maxRetries: 0,
    });
    const structured = chat.withStructuredOutput(recipe, { method: "jsonSchema" });
    const result = await structured.invoke("a recipe");
    expect(recipe.parse(result)).toEqual(result);
    expectJsonSchemaSent();
  });
});

describe("the older output_format and bad formats (@anthropic-ai/sdk)", () => {
  const client = () => new Anthropic({ baseURL: topology.url, apiKey: PASS, maxRetries: 0 });
  const schema = {
    type: "object",
    properties: {
      name: { type: "string" },
      minutes: { type: "number" },
      steps: { type: "array", items: { type: "string" } },
    },
    required: ["name", "minutes", "steps"],
    additionalProperties: false,
  };

  it("answers JSON text for output_format, streamed too", async () => {
    const message = await client().messages.create({
      model: "gemini-2.5-flash",
      max_tokens: 200,
      messages: [{ role: "user", content: "a recipe" }],
      ...{ output_format: { type: "json_schema", schema } },
    });
    const block = message.content[0];
    expect(block?.type).toBe("text");
    expect(Object.keys(JSON.parse(block?.type === "text" ? block.text : "{}"))).toEqual(
      expect.arrayContaining(["name", "minutes", "steps"]),
    );
    expectJsonSchemaSent();
    const stream = client().messages.stream({
      model: "gemini-2.5-flash",
      max_tokens: 200,
      messages: [{ role: "user", content: "a recipe" }],
      ...{ output_config: { format: { type: "json_schema", schema } } },
    });
    const final = await stream.finalMessage();
    const text = final.content[0]?.type === "text" ? final.content[0].text : "";
    expect(JSON.parse(text)).toHaveProperty("steps");
  });

  it("answers a format of another type with a 400 naming it", async () => {
    const error = await client()
      .messages.create({
        model: "gemini-2.5-flash",
        max_tokens: 20,
        messages: [{ role: "user", content: "hi" }],
        // Not a type the SDK knows: sent as a client with a typo would send it.
        ...({ output_config: { format: { type: "xml", schema: {} } } } as object),
      })
      .catch((caught) => caught);
    expect(error).toBeInstanceOf(Anthropic.BadRequestError);
    expect(String((error as Error).message)).toContain("output_config.format.type");
  });
});
