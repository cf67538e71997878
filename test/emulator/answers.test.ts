import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Emulator, startEmulator } from "../../emulator/server.ts";
import { createCache, generate, KEY, userText } from "./call-emulator.ts";

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ keys: [KEY] });
});
afterAll(() => emulator.close());

const PIXEL =
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";
const weather = {
  name: "get_weather",
  parameters: {
    type: "OBJECT",
    properties: { city: { type: "STRING" }, days: { type: "INTEGER" } },
    required: ["city", "days"],
  },
};
const flash = (body: unknown) => generate(emulator, "gemini-2.5-flash-lite", body);

describe("deterministic answers", () => {
  it("echoes the last user turn with usage and finishReason STOP", async () => {
    const answer = await flash({
      contents: [
        { role: "user", parts: [{ text: "first" }] },
        { role: "model", parts: [{ text: "ok" }] },
        { role: "user", parts: [{ text: "hello" }, { text: "there" }] },
      ],
    });
    const candidate = answer.json.candidates[0];
    expect(candidate.content).toEqual({ role: "model", parts: [{ text: "Echo: hello there" }] });
    expect(candidate.finishReason).toBe("STOP");
    const usage = answer.json.usageMetadata;
    expect(usage.promptTokenCount).toBe(4);
    expect(usage.candidatesTokenCount).toBe(3);
    expect(usage.totalTokenCount).toBe(
      usage.promptTokenCount + usage.candidatesTokenCount + usage.thoughtsTokenCount,
    );
    expect(answer.json.responseId).toBeTruthy();
  });

  it("mentions inline data so tests see it arrived", async () => {
    const answer = await flash({
      contents: [
        {
          role: "user",
          parts: [{ text: "what is this" }, { inlineData: { mimeType: "image/png", data: PIXEL } }],
        },
      ],
    });
    expect(answer.json.candidates[0].content.parts[0].text).toBe(
      "Echo: what is this [image/png 70 bytes]",
    );
  });

  it("answers JSON following the responseSchema, or {echo} without one", async () => {
    const schema = await flash({
      ...userText("person"),
      generationConfig: {
        responseMimeType: "application/json",
        responseSchema: {
          type: "OBJECT",
          properties: {
            name: { type: "STRING" },
            tags: { type: "ARRAY", items: { type: "STRING" } },
            ok: { type: "BOOLEAN" },
          },
          required: ["name", "tags", "ok"],
        },
      },
    });
    expect(JSON.parse(schema.json.candidates[0].content.parts[0].text)).toEqual({
      name: "echo",
      tags: ["echo"],
      ok: true,
    });
    const plain = await flash({
      ...userText("x y"),
      generationConfig: { responseMimeType: "application/json" },
    });
    expect(JSON.parse(plain.json.candidates[0].content.parts[0].text)).toEqual({ echo: "x y" });
  });

  it("calls the function named in the prompt with a minimal instance of its parameters", async () => {
    const answer = await flash({
      ...userText("call get_weather for Paris"),
      tools: [{ functionDeclarations: [weather] }],
    });
    expect(answer.json.candidates[0].content.parts).toEqual([
      { functionCall: { name: "get_weather", args: { city: "echo", days: 0 } } },
    ]);
  });

  it("makes parallel calls for 'call a and b', and forces the first allowed name in mode ANY", async () => {
    const tools = [{ functionDeclarations: [{ name: "a" }, { name: "b" }, { name: "c" }] }];
    const parallel = await flash({ ...userText("call a and b"), tools });
    const names = parallel.json.candidates[0].content.parts.map(
      (part: { functionCall: { name: string } }) => part.functionCall.name,
    );
    expect(names).toEqual(["a", "b"]);
    const forced = await flash({
      ...userText("hello"),
      tools,
      toolConfig: { functionCallingConfig: { mode: "ANY", allowedFunctionNames: ["c"] } },
    });
    expect(forced.json.candidates[0].content.parts[0].functionCall.name).toBe("c");
    const none = await flash({
      ...userText("call a"),
      tools,
      toolConfig: { functionCallingConfig: { mode: "NONE" } },
    });
    expect(none.json.candidates[0].content.parts[0].text).toBe("Echo: call a");
  });

  it("adds a thought part and thoughtsTokenCount when includeThoughts is on", async () => {
    const answer = await flash({
      ...userText("ponder"),
      generationConfig: { thinkingConfig: { includeThoughts: true, thinkingBudget: 1024 } },
    });
    expect(answer.json.candidates[0].content.parts[0]).toEqual({
      text: "Thinking about: ponder",
      thought: true,
    });
    expect(answer.json.usageMetadata.thoughtsTokenCount).toBeGreaterThan(0);
    const off = await flash({
      ...userText("ponder"),
      generationConfig: { thinkingConfig: { thinkingBudget: 0 } },
    });
    expect(off.json.usageMetadata.thoughtsTokenCount).toBeUndefined();
    const old = await generate(emulator, "gemma-3-27b-it", userText("ponder"));
    expect(old.json.usageMetadata.thoughtsTokenCount).toBeUndefined();
  });

  it("truncates to maxOutputTokens with finishReason MAX_TOKENS", async () => {
    const answer = await flash({
      ...userText("one two three four"),
      generationConfig: { maxOutputTokens: 2 },
    });
    expect(answer.json.candidates[0].content.parts[0].text).toBe("Echo: one");
    expect(answer.json.candidates[0].finishReason).toBe("MAX_TOKENS");
  });

  it("blocks a prompt containing BLOCKME with promptFeedback and no candidates", async () => {
    const answer = await flash(userText("please BLOCKME"));
    expect(answer.status).toBe(200);
    expect(answer.json.promptFeedback.blockReason).toBe("SAFETY");
    expect(answer.json.candidates).toBeUndefined();
  });

  it("returns candidateCount candidates with their index", async () => {
    const answer = await flash({ ...userText("hi"), generationConfig: { candidateCount: 3 } });
    expect(answer.json.candidates.map((candidate: { index: number }) => candidate.index)).toEqual([
      0, 1, 2,
    ]);
  });

  it("adds groundingMetadata with Google Search and counts cached tokens with cachedContent", async () => {
    const grounded = await flash({ ...userText("news"), tools: [{ googleSearch: {} }] });
    expect(grounded.json.candidates[0].groundingMetadata.webSearchQueries).toEqual(["news"]);
    const cache = await createCache(emulator, 1200);
    const cached = await flash({ ...userText("hi"), cachedContent: cache.json.name });
    expect(cached.json.usageMetadata.cachedContentTokenCount).toBe(1200);
  });
});
