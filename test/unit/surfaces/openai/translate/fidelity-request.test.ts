import { describe, expect, it } from "vitest";
import type { ApiError } from "../../../../../common/api-error.ts";
import { toGeminiRequest } from "../../../../../src/surfaces/openai/translate/chat-request.ts";
import { fromGeminiEmbeddings } from "../../../../../src/surfaces/openai/translate/embeddings.ts";
import type { OpenAIChatRequest } from "../../../../../src/surfaces/openai/translate/openai-types.ts";

const PNG =
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

const options = {
  defaultModel: "gemini-2.5-flash",
  resolveImage: async () => ({ mimeType: "image/jpeg", data: "AAAA" }),
};

const translate = (request: Partial<OpenAIChatRequest>) =>
  toGeminiRequest({ messages: [{ role: "user", content: "Hi" }], ...request }, options);

async function rejection(request: Partial<OpenAIChatRequest>) {
  const error = (await translate(request).catch((caught: unknown) => caught)) as ApiError;
  return { status: error.status, param: error.param, code: error.code, message: error.message };
}

const weatherTool = {
  type: "function" as const,
  function: {
    name: "get_weather",
    parameters: { type: "object", properties: { city: { type: "string" } } },
  },
};

describe("Google Search with function tools (issue 9.2)", () => {
  it("sends Gemini 3 both tools with includeServerSideToolInvocations, keeping tool_choice", async () => {
    const call = await translate({
      model: "gemini-3.1-pro-preview",
      web_search_options: {},
      tools: [weatherTool],
      tool_choice: "auto",
    });
    expect(call.body.tools?.map((tool) => Object.keys(tool))).toEqual([
      ["functionDeclarations"],
      ["googleSearch"],
    ]);
    expect(call.body.toolConfig).toEqual({
      functionCallingConfig: { mode: "AUTO" },
      includeServerSideToolInvocations: true,
    });
  });

  // Gemini 2.x served as itself (gemini-2.5-flash is answered by 3.5 Flash-Lite, which can).
  it.each(["gemini-2.5-flash-lite:search", "gemini-2.0-flash:search"])(
    "answers %s with function tools a 400 naming tools, before Gemini refuses it",
    async (model) => {
      expect(await rejection({ model, tools: [weatherTool] })).toMatchObject({
        status: 400,
        param: "tools",
        code: "unsupported_tool_combination",
        message: expect.stringContaining("Gemini 3 models can"),
      });
    },
  );

  it("still searches alone on any model", async () => {
    const call = await translate({ model: "gemini-2.5-flash:search" });
    expect(call.body.tools).toEqual([{ googleSearch: {} }]);
    expect(call.body.toolConfig).toBeUndefined();
  });
});

describe("thinking per model (issue 9.3)", () => {
  it.each([
    ["gemini-3.1-pro-preview", "low", { thinkingLevel: "LOW" }],
    ["gemini-3.8-flash", "minimal", { thinkingLevel: "LOW" }],
    ["gemini-3-flash-preview", "minimal", { thinkingLevel: "MINIMAL" }],
    ["gemini-flash-latest", "high", { thinkingLevel: "HIGH" }],
    ["gemini-2.5-flash-lite", "minimal", { thinkingBudget: 512 }],
    ["gemini-2.5-pro", "none", { thinkingLevel: "LOW" }],
    ["gemini-4-hydrogen", "xhigh", { thinkingLevel: "XHIGH" }],
    ["gemini-2.5-flash-image", "high", undefined],
    ["gemma-3-27b-it", "high", undefined],
  ] as const)("gives %s for reasoning_effort %s %j", async (model, effort, expected) => {
    const call = await translate({ model, reasoning_effort: effort });
    expect(call.body.generationConfig?.thinkingConfig).toEqual(expected);
  });

  it("clamps google.thinking_config budgets into the model's range and converts levels", async () => {
    const pro = await translate({
      model: "gemini-2.5-flash-lite",
      google: { thinking_config: { thinking_budget: 64, include_thoughts: true } },
    });
    expect(pro.body.generationConfig?.thinkingConfig).toEqual({
      thinkingBudget: 512,
      includeThoughts: true,
    });
    expect(pro.includeThoughts).toBe(true);
    const flash3 = await translate({
      model: "gemini-3-flash-preview-thinking-high",
      google: { thinkingConfig: { thinkingBudget: 1000, thinkingLevel: "medium" } },
    });
    expect(flash3.body.generationConfig?.thinkingConfig).toEqual({
      thinkingLevel: "MEDIUM",
      includeThoughts: true,
    });
  });
});

describe("Gemma (issue 9.4)", () => {
  it("folds system and developer text into the first user turn and sends no thinking", async () => {
    const call = await translate({
      model: "gemma-3-27b-it-thinking-high",
      messages: [
        { role: "system", content: "You are terse." },
        { role: "developer", content: "Answer in French." },
        { role: "user", content: "Hello" },
        { role: "assistant", content: "Bonjour" },
        { role: "user", content: "Again" },
      ],
    });
    expect(call.body).toMatchInlineSnapshot(
      { safetySettings: expect.any(Array) },
      `
      {
        "contents": [
          {
            "parts": [
              {
                "text": "You are terse.

      Answer in French.",
              },
              {
                "text": "Hello",
              },
            ],
            "role": "user",
          },
          {
            "parts": [
              {
                "text": "Bonjour",
              },
            ],
            "role": "model",
          },
          {
            "parts": [
              {
                "text": "Again",
              },
            ],
            "role": "user",
          },
        ],
        "safetySettings": Any<Array>,
      }
    `,
    );
    expect(call.includeThoughts).toBe(false);
  });
});

describe("cached_content (issue 9.5)", () => {
  it("leaves systemInstruction, tools and toolConfig to the cache", async () => {
    const call = await translate({
      model: "gemini-2.5-flash",
      messages: [
        { role: "system", content: "Cached instructions are in the cache." },
        { role: "user", content: "Hi" },
      ],
      tools: [weatherTool],
      tool_choice: "required",
      google: { cached_content: "cachedContents/abc123" },
    });
    expect(Object.keys(call.body).sort()).toEqual(["cachedContent", "contents", "safetySettings"]);
    expect(call.body.cachedContent).toBe("cachedContents/abc123");
  });
});

describe("logprobs and image detail (issue 9.10)", () => {
  it("maps logprobs/top_logprobs to responseLogprobs/logprobs", async () => {
    const call = await translate({ logprobs: true, top_logprobs: 3 });
    expect(call.body.generationConfig).toEqual({ responseLogprobs: true, logprobs: 3 });
    const off = await translate({ logprobs: false, top_logprobs: 3 });
    expect(off.body.generationConfig).toBeUndefined();
  });

  it("maps image_url.detail to each image's own mediaResolution; auto leaves Gemini's default", async () => {
    const image = (detail: "low" | "high" | "auto") => ({
      type: "image_url" as const,
      image_url: { url: `data:image/png;base64,${PNG}`, detail },
    });
    const both = await translate({
      messages: [{ role: "user", content: [image("low"), image("high"), image("auto")] }],
    });
    expect(both.body.contents[0]?.parts.map((part) => part.mediaResolution)).toEqual([
      { level: "MEDIA_RESOLUTION_LOW" },
      { level: "MEDIA_RESOLUTION_HIGH" },
      undefined,
    ]);
    // Request-wide only where the model takes no per-part resolution: the pool's conformToModel.
    expect(both.body.generationConfig).toBeUndefined();
  });
});

describe("embeddings below the full size (issue 9.9)", () => {
  it("normalizes truncated vectors to unit length", () => {
    const response = fromGeminiEmbeddings([{ embeddings: [{ values: [3, 4] }] }], {
      model: "text-embedding-3-small",
      encodingFormat: "float",
      inputs: ["hello"],
      dimensions: 2,
    });
    expect(response.data[0]?.embedding).toEqual([0.6, 0.8]);
  });

  it("leaves full-size vectors as Gemini sent them", () => {
    const response = fromGeminiEmbeddings([{ embeddings: [{ values: [3, 4] }] }], {
      model: "gemini-embedding-001",
      encodingFormat: "float",
      inputs: ["hello"],
    });
    expect(response.data[0]?.embedding).toEqual([3, 4]);
  });
});
