import { ApiError, GoogleGenAI, Type } from "@google/genai";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { PASS, shardKeys, startTopology, type Topology } from "../support/topology.ts";

/**
 * Google's own SDK, unmodified, against the whole topology (orchestrator + backends in workerd +
 * emulator): only its base URL and its API key (the gateway's PASS) are set.
 */
let topology: Topology;
let genai: GoogleGenAI;
const MODEL = "gemini-2.5-flash";

beforeAll(async () => {
  topology = await startTopology({ shards: shardKeys([4, 4]), emulator: { modelsPageSize: 4 } });
  genai = new GoogleGenAI({ apiKey: PASS, httpOptions: { baseUrl: topology.url } });
});
afterAll(() => topology.close());
afterEach(() => {
  topology.emulator.reset();
  topology.emulator.setOptions({ keys: topology.shards.flat() });
});

/** All keys but one per backend fail: rate-limited, invalid (unknown to Gemini) or suspended. */
function breakMostKeys() {
  const invalid = new Set(topology.shards.map((keys) => keys[1]));
  topology.emulator.setOptions({ keys: topology.shards.flat().filter((key) => !invalid.has(key)) });
  for (const keys of topology.shards) {
    topology.emulator.setKeyBehavior(keys[0] ?? "", { kind: "rate-limit" });
    topology.emulator.setKeyBehavior(keys[2] ?? "", { kind: "suspended" });
  }
}

const everyCall = () => [
  genai.models.generateContent({ model: MODEL, contents: "Say hello" }).then((response) => {
    expect(response.text).toContain("hello");
  }),
  (async () => {
    let text = "";
    for await (const chunk of await genai.models.generateContentStream({
      model: MODEL,
      contents: "Stream a greeting",
    })) {
      text += chunk.text ?? "";
    }
    expect(text).toContain("greeting");
  })(),
  genai.models.countTokens({ model: MODEL, contents: "Count these tokens" }).then((result) => {
    expect(result.totalTokens).toBeGreaterThan(0);
  }),
  genai.models
    .embedContent({ model: "gemini-embedding-001", contents: "one text" })
    .then((result) => {
      expect(result.embeddings).toHaveLength(1);
      expect(result.embeddings?.[0]?.values?.length).toBeGreaterThan(0);
    }),
  genai.models
    .embedContent({ model: "gemini-embedding-001", contents: ["first", "second", "third"] })
    .then((result) => {
      expect(result.embeddings).toHaveLength(3);
    }),
];

describe("@google/genai through the gateway", () => {
  // The SDK sends one text and several alike to batchEmbedContents; embedContent itself is
  // proven with a plain request in gemini-native-rest.test.ts.
  it("generates content, streams, counts tokens and embeds (single and batch)", async () => {
    await Promise.all(everyCall());
    const paths = topology.emulator.requests().map((request) => request.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        `/v1beta/models/${MODEL}:generateContent`,
        `/v1beta/models/${MODEL}:streamGenerateContent?alt=sse`,
        `/v1beta/models/${MODEL}:countTokens`,
        "/v1beta/models/gemini-embedding-001:batchEmbedContents",
      ]),
    );
  });

  it("sends the body upstream as the client wrote it, with a pooled key instead of the PASS", async () => {
    await genai.models.generateContent({
      model: MODEL,
      contents: "Say hello",
      config: { temperature: 0.5, candidateCount: 1 },
    });
    const [request] = topology.emulator.requests();
    expect(topology.shards.flat()).toContain(request?.key);
    expect(JSON.stringify(request)).not.toContain(PASS);
    expect(request?.body).toEqual({
      contents: [{ parts: [{ text: "Say hello" }], role: "user" }],
      generationConfig: { temperature: 0.5, candidateCount: 1 },
    });
  });

  it("lists every model across pages, and gets one", async () => {
    const names: string[] = [];
    for await (const model of await genai.models.list({ config: { pageSize: 4 } })) {
      names.push(model.name ?? "");
    }
    // MODEL (gemini-2.5-flash) is retired, answered by another model, and no longer listed.
    expect(names).toContain("models/gemini-3.8-flash");
    expect(names).toContain("models/gemini-embedding-001");
    expect(new Set(names).size).toBe(names.length);
    const pages = topology.emulator
      .requests()
      .filter((request) => request.path.includes("/models?"));
    expect(pages.length).toBeGreaterThan(1);
    const model = await genai.models.get({ model: MODEL });
    expect(model.name).toBe(`models/${MODEL}`);
    expect(model.inputTokenLimit).toBeGreaterThan(0);
  });

  it("completes a function-calling round trip", async () => {
    const tools = [
      {
        functionDeclarations: [
          {
            name: "get_weather",
            description: "Weather in a city",
            parameters: {
              type: Type.OBJECT,
              properties: { city: { type: Type.STRING } },
              required: ["city"],
            },
          },
        ],
      },
    ];
    const question = { role: "user", parts: [{ text: "Please call get_weather for Paris." }] };
    const first = await genai.models.generateContent({
      model: MODEL,
      contents: [question],
      config: { tools },
    });
    const call = first.functionCalls?.[0];
    expect(call?.name).toBe("get_weather");
    expect(call?.args).toHaveProperty("city");
    const second = await genai.models.generateContent({
      model: MODEL,
      contents: [
        question,
        first.candidates?.[0]?.content ?? {},
        {
          role: "user",
          parts: [{ functionResponse: { name: "get_weather", response: { sky: "sunny" } } }],
        },
      ],
      config: { tools },
    });
    expect(second.text).toBeTruthy();
    expect(second.functionCalls ?? []).toHaveLength(0);
  });

  it("throws the SDK's ApiError with 401 for a wrong PASS, answered by the orchestrator", async () => {
    const stranger = new GoogleGenAI({
      apiKey: "not-the-pass",
      httpOptions: { baseUrl: topology.url },
    });
    const error = await stranger.models
      .generateContent({ model: MODEL, contents: "hi" })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(401);
    expect((error as ApiError).message).toContain("UNAUTHENTICATED");
    expect(topology.emulator.requests()).toEqual([]);
  });

  it("throws the SDK's ApiError with Gemini's own 400 for a bad request", async () => {
    const error = await genai.models
      .generateContent({ model: MODEL, contents: "hi", config: { temperature: 7 } })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(400);
    expect((error as ApiError).message).toContain("INVALID_ARGUMENT");
    expect((error as ApiError).message).toMatch(/temperature/i);
  });

  it("throws a 404 ApiError for an unknown model", async () => {
    const error = await genai.models
      .generateContent({ model: "gemini-0-unknown", contents: "hi" })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(404);
  });

  it("still answers every call when most keys are rate-limited or revoked", async () => {
    breakMostKeys();
    for (let round = 0; round < 3; round++) await Promise.all(everyCall());
    const names: string[] = [];
    for await (const model of await genai.models.list()) names.push(model.name ?? "");
    expect(names.length).toBeGreaterThan(4);
    const counts = topology.emulator.counts();
    // Each kind of broken key was met (and got past) along the way.
    for (const position of [0, 1, 2]) {
      const tried = topology.shards.reduce(
        (sum, keys) => sum + (counts[keys[position] ?? ""] ?? 0),
        0,
      );
      expect(tried, `broken keys at position ${position}`).toBeGreaterThan(0);
    }
  });

  it("speaks /v1 too (httpOptions.apiVersion 'v1')", async () => {
    const v1 = new GoogleGenAI({
      apiKey: PASS,
      httpOptions: { baseUrl: topology.url, apiVersion: "v1" },
    });
    const response = await v1.models.generateContent({ model: MODEL, contents: "Say hello" });
    expect(response.text).toContain("hello");
    const names: string[] = [];
    for await (const model of await v1.models.list()) names.push(model.name ?? "");
    expect(names).toContain("models/gemini-3.8-flash");
  });
});
