import {
  FunctionCallingMode,
  type FunctionDeclarationsTool,
  GoogleGenerativeAI,
  GoogleGenerativeAIFetchError,
  SchemaType,
} from "@google/generative-ai";
import { GoogleAICacheManager, GoogleAIFileManager } from "@google/generative-ai/server";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { generateBodies, upstreamCalls } from "../../support/recorded-requests.ts";
import { PASS, shardKeys, startTopology, type Topology } from "../../support/topology.ts";

/**
 * Google's legacy SDK (`@google/generative-ai`, deprecated but still what many apps and
 * `@langchain/google-genai` ship) against the native surface: `baseUrl` at the orchestrator, the
 * PASS as its API key (sent as `x-goog-api-key`).
 */
let topology: Topology;
let genai: GoogleGenerativeAI;
beforeAll(async () => {
  topology = await startTopology({ shards: shardKeys([2, 2]) });
  genai = new GoogleGenerativeAI(PASS);
});
afterAll(() => topology.close());
afterEach(() => topology.emulator.reset());

const model = (
  name: string,
  params: Omit<Parameters<typeof genai.getGenerativeModel>[0], "model"> = {},
) => genai.getGenerativeModel({ model: name, ...params }, { baseUrl: topology.url });

const weatherTool: FunctionDeclarationsTool = {
  functionDeclarations: [
    {
      name: "get_weather",
      description: "The weather in a city",
      parameters: {
        type: SchemaType.OBJECT,
        properties: { city: { type: SchemaType.STRING } },
        required: ["city"],
      },
    },
  ],
};

describe("@google/generative-ai through the native surface", () => {
  it("generateContent answers, with systemInstruction and generationConfig upstream", async () => {
    const result = await model("gemini-2.5-flash", {
      systemInstruction: "Be brief",
      generationConfig: { temperature: 0.5, maxOutputTokens: 256 },
    }).generateContent("hello legacy sdk");
    expect(result.response.text()).toBe("Echo: hello legacy sdk");
    expect(result.response.usageMetadata?.totalTokenCount).toBeGreaterThan(0);
    expect(upstreamCalls(topology)).toEqual([
      "POST /v1beta/models/gemini-2.5-flash:generateContent",
    ]);
    const [body] = generateBodies(topology);
    expect(body?.systemInstruction?.parts?.[0]?.text).toBe("Be brief");
    expect(body?.generationConfig).toMatchObject({ temperature: 0.5, maxOutputTokens: 256 });
  });

  it("generateContentStream streams chunks and the aggregated response", async () => {
    const result = await model("gemini-3-flash-preview").generateContentStream(
      "stream a few words please",
    );
    const chunks: string[] = [];
    for await (const chunk of result.stream) chunks.push(chunk.text());
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.join("")).toBe("Echo: stream a few words please");
    expect((await result.response).text()).toBe("Echo: stream a few words please");
    expect(upstreamCalls(topology)).toEqual([
      "POST /v1beta/models/gemini-3-flash-preview:streamGenerateContent?alt=sse",
    ]);
  });

  it("runs a tool round trip in a chat session", async () => {
    const chat = model("gemini-2.5-flash", { tools: [weatherTool] }).startChat();
    const first = await chat.sendMessage("call get_weather");
    const calls = first.response.functionCalls();
    expect(calls).toEqual([{ name: "get_weather", args: { city: "echo" } }]);
    const second = await chat.sendMessage([
      { functionResponse: { name: "get_weather", response: { forecast: "sunny" } } },
    ]);
    expect(second.response.text()).toBe('Tool said: {"forecast":"sunny"}');
    const [, body] = generateBodies(topology);
    expect(body?.contents?.map((content) => content.role)).toEqual(["user", "model", "function"]);
    expect(body?.contents?.[1]?.parts?.[0]?.functionCall?.name).toBe("get_weather");
    expect(body?.contents?.[2]?.parts?.[0]?.functionResponse?.name).toBe("get_weather");
  });

  it("forces a call with toolConfig mode ANY", async () => {
    const result = await model("gemini-2.5-flash", {
      tools: [weatherTool],
      toolConfig: { functionCallingConfig: { mode: FunctionCallingMode.ANY } },
    }).generateContent("what is the weather?");
    expect(result.response.functionCalls()?.[0]?.name).toBe("get_weather");
    expect(generateBodies(topology)[0]?.toolConfig?.functionCallingConfig?.mode).toBe("ANY");
  });

  it("answers JSON of a responseSchema", async () => {
    const result = await model("gemini-2.5-flash", {
      generationConfig: {
        responseMimeType: "application/json",
        responseSchema: {
          type: SchemaType.OBJECT,
          properties: { name: { type: SchemaType.STRING }, minutes: { type: SchemaType.INTEGER } },
          required: ["name", "minutes"],
        },
      },
    }).generateContent("a recipe");
    expect(JSON.parse(result.response.text())).toEqual({ name: "echo", minutes: 0 });
    expect(generateBodies(topology)[0]?.generationConfig?.responseSchema).toMatchObject({
      type: "object",
      required: ["name", "minutes"],
    });
  });

  it("counts tokens and embeds one and many texts", async () => {
    const counted = await model("gemini-2.5-flash").countTokens("count these four words");
    expect(counted.totalTokens).toBeGreaterThan(0);
    const embedder = model("gemini-embedding-001");
    const one = await embedder.embedContent("one text");
    expect(one.embedding.values.length).toBeGreaterThan(0);
    const many = await embedder.batchEmbedContents({
      requests: ["first", "second"].map((text) => ({
        content: { role: "user", parts: [{ text }] },
      })),
    });
    expect(many.embeddings).toHaveLength(2);
    expect(upstreamCalls(topology)).toEqual([
      "POST /v1beta/models/gemini-2.5-flash:countTokens",
      "POST /v1beta/models/gemini-embedding-001:embedContent",
      "POST /v1beta/models/gemini-embedding-001:batchEmbedContents",
    ]);
  });

  it("throws a GoogleGenerativeAIFetchError with the gateway's 400 for a bad request", async () => {
    const error = await model("gemini-2.5-flash")
      .generateContent({ contents: [] })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(GoogleGenerativeAIFetchError);
    expect((error as GoogleGenerativeAIFetchError).status).toBe(400);
  });

  it("throws a GoogleGenerativeAIFetchError for a wrong key, calling no upstream", async () => {
    const wrong = new GoogleGenerativeAI("not-the-pass").getGenerativeModel(
      { model: "gemini-2.5-flash" },
      { baseUrl: topology.url },
    );
    const error = await wrong.generateContent("hi").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(GoogleGenerativeAIFetchError);
    expect([400, 401, 403]).toContain((error as GoogleGenerativeAIFetchError).status);
    expect(topology.emulator.requests()).toEqual([]);
  });
});

describe("@google/generative-ai/server: its file and cache managers through the gateway", () => {
  it("uploads a file, answers with it, and deletes it, all on the key that owns it", async () => {
    const files = new GoogleAIFileManager(PASS, { baseUrl: topology.url });
    const bytes = Buffer.from("what the uploaded file says\n");
    const uploaded = await files.uploadFile(bytes, { mimeType: "text/plain", displayName: "note" });
    expect(uploaded.file).toMatchObject({ displayName: "note", state: "ACTIVE", sizeBytes: "28" });
    expect((await files.getFile(uploaded.file.name)).name).toBe(uploaded.file.name);
    const listed = await files.listFiles();
    expect(listed.files?.map((file) => file.name)).toContain(uploaded.file.name);
    const answer = await model("gemini-2.5-flash").generateContent([
      { fileData: { mimeType: "text/plain", fileUri: uploaded.file.uri } },
      { text: "summarize" },
    ]);
    expect(answer.response.text()).toContain("Echo: summarize [text/plain");
    await files.deleteFile(uploaded.file.name);
    const requests = topology.emulator.requests();
    const upload = requests.find((request) => request.path.startsWith("/upload/v1beta/files"));
    const generate = requests.find((request) => request.path.endsWith(":generateContent"));
    const deletion = requests.find((request) => request.method === "DELETE");
    expect(upload?.status).toBe(200);
    expect(generate?.status).toBe(200);
    expect(deletion?.status).toBe(200);
    // The file lives in one key's project; every later call went to that key.
    expect(new Set([generate?.key, deletion?.key])).toEqual(new Set([upload?.key]));
  });

  it("creates a cache, answers from it (cachedContentTokenCount), updates and deletes it", async () => {
    const caches = new GoogleAICacheManager(PASS, { baseUrl: topology.url });
    const cache = await caches.create({
      model: "models/gemini-2.5-flash",
      contents: [{ role: "user", parts: [{ text: "word ".repeat(1100) }] }],
      ttlSeconds: 600,
    });
    expect(cache.name).toMatch(/^cachedContents\//);
    const name = cache.name ?? "";
    const fromCache = new GoogleGenerativeAI(PASS).getGenerativeModelFromCachedContent(
      await caches.get(name),
      {},
      { baseUrl: topology.url },
    );
    const answer = await fromCache.generateContent("what does it say");
    expect(answer.response.text()).toBe("Echo: what does it say");
    expect(answer.response.usageMetadata?.cachedContentTokenCount).toBe(1100);
    const updated = await caches.update(name, { cachedContent: { ttlSeconds: 1200 } });
    expect(Date.parse(updated.expireTime ?? "")).toBeGreaterThan(
      Date.parse(cache.expireTime ?? ""),
    );
    await caches.delete(name);
    await expect(caches.get(name)).rejects.toThrow(/403|404/);
    const requests = topology.emulator.requests();
    const created = requests.find((request) => request.path === "/v1beta/cachedContents");
    const generate = requests.find((request) => request.path.endsWith(":generateContent"));
    // Upstream gets Google's own name; the client holds it with the gateway's key tag after it.
    const upstreamName = (generate?.body as { cachedContent?: string } | undefined)?.cachedContent;
    expect(upstreamName).toMatch(/^cachedContents\/[a-z0-9]{40}$/);
    expect(name.startsWith(upstreamName ?? "-")).toBe(true);
    expect(generate?.key).toBe(created?.key);
  });
});
