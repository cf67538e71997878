import { describe, expect, it } from "vitest";
import { toGeminiRequest } from "../../../../src/surfaces/responses/translate/responses-request.ts";
import { parseResponsesRequest } from "../../../../src/surfaces/responses/validate/responses-request.ts";

const options = {
  defaultModel: "gemini-2.5-flash",
  resolveImage: async () => {
    throw new Error("no remote images here");
  },
};
const translate = (body: object) => toGeminiRequest(parseResponsesRequest(body), options);

describe("Responses request → Gemini", () => {
  it("folds instructions into the first user turn for Gemma, which takes no systemInstruction", async () => {
    const call = await translate({
      model: "gemma-3-27b-it",
      instructions: "Be brief.",
      input: "hi",
    });
    expect(call.body.systemInstruction).toBeUndefined();
    expect(call.body.contents[0]).toEqual({
      role: "user",
      parts: [{ text: "Be brief." }, { text: "hi" }],
    });
    expect(call.body.generationConfig?.thinkingConfig).toBeUndefined();
  });

  it("asks Gemini 3 for a canonical thinking level and thought summaries", async () => {
    const call = await translate({
      model: "gemini-3-flash-preview",
      input: "hi",
      reasoning: { effort: "low", summary: "auto" },
    });
    expect(call.body.generationConfig?.thinkingConfig).toEqual({
      thinkingLevel: "LOW",
      includeThoughts: true,
    });
    expect(call.reasoning).toBe(true);
  });

  it("asks Gemini 2.5 for a budget, never a level, and honours Codex's summary without effort", async () => {
    const call = await translate({
      model: "gemini-2.5-flash-lite",
      input: "hi",
      reasoning: { summary: "auto" },
    });
    expect(call.body.generationConfig?.thinkingConfig).toEqual({ includeThoughts: true });
    const low = await translate({
      model: "gemini-2.5-flash-lite",
      input: "hi",
      reasoning: { effort: "minimal" },
    });
    expect(low.body.generationConfig?.thinkingConfig).toEqual({ thinkingBudget: 512 });
    // Every effort on a Gemini 4 model: the nearest level it takes.
    const xhigh = await translate({
      model: "gemini-4-argon",
      input: "hi",
      reasoning: { effort: "xhigh" },
    });
    expect(xhigh.body.generationConfig?.thinkingConfig).toEqual({ thinkingLevel: "HIGH" });
  });

  it("keeps web_search next to functions on Gemini 3 with server-side tool invocations", async () => {
    const call = await translate({
      model: "gemini-3-flash-preview",
      input: "hi",
      tools: [
        { type: "web_search" },
        { type: "function", name: "f", parameters: { type: "object", properties: {} } },
      ],
    });
    expect(call.dropped).toEqual([]);
    expect(call.body.tools).toContainEqual({ googleSearch: {} });
    expect(call.body.toolConfig?.includeServerSideToolInvocations).toBe(true);
  });

  it("turns file_search over Gemini File Search stores into Gemini's fileSearch tool", async () => {
    const call = await translate({
      model: "gemini-2.5-flash",
      input: "When is the launch?",
      tools: [
        {
          type: "file_search",
          vector_store_ids: ["fileSearchStores/notes-abc"],
          max_num_results: 5,
        },
        { type: "file_search", vector_store_ids: ["fileSearchStores/more-def"] },
      ],
    });
    expect(call.body.tools).toEqual([
      {
        fileSearch: {
          fileSearchStoreNames: ["fileSearchStores/notes-abc", "fileSearchStores/more-def"],
          topK: 5,
        },
      },
    ]);
  });

  it.each([
    [{ type: "file_search", vector_store_ids: ["vs_abc123"] }, "tools[0].vector_store_ids[0]"],
    [{ type: "file_search" }, "tools[0].vector_store_ids"],
    [
      { type: "file_search", vector_store_ids: ["fileSearchStores/a"], filters: { type: "eq" } },
      "tools[0].filters",
    ],
  ])("answers 400 naming the field for file_search %j", async (tool, param) => {
    await expect(
      translate({ model: "gemini-2.5-flash", input: "hi", tools: [tool] }),
    ).rejects.toThrow(expect.objectContaining({ status: 400, param }));
  });

  it("ignores the fields Codex sends that Gemini has no use for", async () => {
    const call = await translate({
      model: "gemini-2.5-flash",
      input: [{ type: "message", role: "user", content: [{ type: "input_text", text: "hi" }] }],
      prompt_cache_key: "abc",
      client_metadata: { x: "y" },
      store: false,
      service_tier: "auto",
      include: ["reasoning.encrypted_content"],
      parallel_tool_calls: false,
    });
    expect(call.includeEncryptedReasoning).toBe(true);
    expect(call.body.contents).toEqual([{ role: "user", parts: [{ text: "hi" }] }]);
  });
});
