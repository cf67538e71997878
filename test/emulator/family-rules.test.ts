import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Emulator, startEmulator } from "../../emulator/server.ts";
import { generate, KEY, userText } from "./call-emulator.ts";

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ keys: [KEY] });
});
afterAll(() => emulator.close());

const FUNCTION = { functionDeclarations: [{ name: "lookup", description: "Looks up." }] };
const thinking = (thinkingConfig: unknown) => ({
  ...userText("hi"),
  generationConfig: { thinkingConfig },
});

async function status(model: string, body: unknown) {
  const answer = await generate(emulator, model, body);
  return { status: answer.status, message: answer.json.error?.message as string | undefined };
}

describe("Google Search (and other built-in tools) with function declarations", () => {
  it("is refused on Gemini 2.x", async () => {
    for (const model of ["gemini-2.0-flash", "gemini-2.5-flash", "gemini-2.5-pro"]) {
      expect(
        await status(model, { ...userText("hi"), tools: [{ googleSearch: {} }, FUNCTION] }),
      ).toEqual({
        status: 400,
        message: "Tool use with function calling is unsupported by the model.",
      });
    }
    expect(
      (
        await status("gemini-2.5-flash", {
          ...userText("hi"),
          tools: [{ codeExecution: {} }, FUNCTION],
        })
      ).status,
    ).toBe(400);
  });

  it("is taken on Gemini 3 only with toolConfig.includeServerSideToolInvocations", async () => {
    const body = { ...userText("hi"), tools: [{ googleSearch: {} }, FUNCTION] };
    expect((await status("gemini-3-flash-preview", body)).status).toBe(400);
    const combined = {
      ...body,
      toolConfig: { includeServerSideToolInvocations: true },
    };
    expect((await status("gemini-3-flash-preview", combined)).status).toBe(200);
    expect((await status("gemini-3.1-pro-preview", combined)).status).toBe(200);
    expect((await status("gemini-2.5-flash", combined)).status).toBe(400);
  });

  it("shows the search it ran on Gemini 3 as toolCall and toolResponse parts", async () => {
    const answer = await generate(emulator, "gemini-3-flash-preview", {
      ...userText("weather in Oslo"),
      tools: [{ googleSearch: {} }, FUNCTION],
      toolConfig: { includeServerSideToolInvocations: true },
    });
    const [call, response] = answer.json.candidates[0].content.parts;
    expect(call.toolCall).toMatchObject({
      toolType: "GOOGLE_SEARCH_WEB",
      args: { queries: ["weather in Oslo"] },
    });
    expect(call.thoughtSignature).toEqual(expect.any(String));
    expect(response.toolResponse.id).toBe(call.toolCall.id);
    const echoed = await generate(emulator, "gemini-3-flash-preview", {
      contents: [
        { role: "user", parts: [{ text: "weather in Oslo" }] },
        { role: "model", parts: answer.json.candidates[0].content.parts },
        { role: "user", parts: [{ text: "thanks" }] },
      ],
      tools: [{ googleSearch: {} }, FUNCTION],
      toolConfig: { includeServerSideToolInvocations: true },
    });
    expect(echoed.status).toBe(200);
  });

  it("leaves Google Search alone fine on every Gemini model", async () => {
    for (const model of ["gemini-2.0-flash", "gemini-2.5-flash", "gemini-3-pro-preview"]) {
      expect(
        (await status(model, { ...userText("hi"), tools: [{ googleSearch: {} }] })).status,
      ).toBe(200);
    }
  });
});

describe("Gemma models", () => {
  it("refuse a system instruction with the real message", async () => {
    expect(
      await status("gemma-3-27b-it", {
        ...userText("hi"),
        systemInstruction: { parts: [{ text: "be brief" }] },
      }),
    ).toEqual({
      status: 400,
      message: "Developer instruction is not enabled for models/gemma-3-27b-it",
    });
    expect((await status("gemma-3-27b-it", userText("hi"))).status).toBe(200);
  });

  it("refuse thinking config and function declarations", async () => {
    expect(await status("gemma-3-12b-it", thinking({ thinkingLevel: "LOW" }))).toEqual({
      status: 400,
      message: "Thinking level is not supported for this model.",
    });
    expect((await status("gemma-3-12b-it", thinking({ thinkingBudget: 1024 }))).status).toBe(400);
    expect(await status("gemma-3-4b-it", { ...userText("hi"), tools: [FUNCTION] })).toEqual({
      status: 400,
      message: "Function calling is not enabled for models/gemma-3-4b-it",
    });
  });
});

describe("thinking per model", () => {
  it("takes the levels each Gemini 3 model lists, in upper or lower case", async () => {
    expect(
      (await status("gemini-3-flash-preview", thinking({ thinkingLevel: "MINIMAL" }))).status,
    ).toBe(200);
    expect(
      (await status("gemini-3-flash-preview", thinking({ thinkingLevel: "low" }))).status,
    ).toBe(200);
    expect((await status("gemini-3-pro-preview", thinking({ thinkingLevel: "high" }))).status).toBe(
      200,
    );
    expect(
      (await status("gemini-3-pro-preview", thinking({ thinkingLevel: "MEDIUM" }))).status,
    ).toBe(400);
    expect(
      (await status("gemini-3.1-pro-preview", thinking({ thinkingLevel: "MEDIUM" }))).status,
    ).toBe(200);
    expect((await status("gemini-flash-latest", thinking({ thinkingLevel: "LOW" }))).status).toBe(
      200,
    );
    expect(
      (await status("gemini-3-flash-preview", thinking({ thinkingLevel: "Low" }))).status,
    ).toBe(400);
  });

  it("refuses a level on 2.5 and both a level and a budget anywhere", async () => {
    expect(await status("gemini-2.5-flash", thinking({ thinkingLevel: "LOW" }))).toEqual({
      status: 400,
      message: "Thinking level is not supported for this model.",
    });
    expect(
      (
        await status(
          "gemini-3-flash-preview",
          thinking({ thinkingLevel: "LOW", thinkingBudget: 1024 }),
        )
      ).status,
    ).toBe(400);
  });

  it("keeps budgets within each 2.5 model's range", async () => {
    const cases: Array<[string, number, number]> = [
      ["gemini-2.5-flash-lite", 0, 200],
      ["gemini-2.5-flash-lite", 128, 400],
      ["gemini-2.5-flash-lite", 512, 200],
      ["gemini-2.5-flash-lite", 24577, 400],
      ["gemini-flash-lite-latest", 256, 400],
      ["gemini-2.5-flash", 0, 200],
      ["gemini-2.5-flash", 24576, 200],
      ["gemini-2.5-flash", 24577, 400],
      ["gemini-2.5-pro", 0, 400],
      ["gemini-2.5-pro", 127, 400],
      ["gemini-2.5-pro", 128, 200],
      ["gemini-2.5-pro", 32768, 200],
      ["gemini-2.5-pro", 32769, 400],
      ["gemini-2.5-pro", -1, 200],
    ];
    for (const [model, budget, expected] of cases) {
      const answer = await status(model, thinking({ thinkingBudget: budget }));
      expect(answer.status, `${model} ${budget}`).toBe(expected);
    }
    expect((await status("gemini-2.5-flash-lite", thinking({ thinkingBudget: 128 }))).message).toBe(
      "The thinking budget 128 is invalid. Please choose a value between 512 and 24576.",
    );
  });

  it("refuses thinking on models without it (2.0, 2.5 Flash Image)", async () => {
    expect((await status("gemini-2.0-flash", thinking({ thinkingBudget: 1024 }))).status).toBe(400);
    expect(
      (await status("gemini-2.5-flash-image", thinking({ includeThoughts: true }))).status,
    ).toBe(400);
    expect((await status("gemini-2.0-flash", thinking({ thinkingBudget: 0 }))).status).toBe(200);
  });
});

describe("function calling with JSON output", () => {
  it("is refused before Gemini 3 and taken on Gemini 3", async () => {
    const body = {
      ...userText("hi"),
      tools: [FUNCTION],
      generationConfig: { responseMimeType: "application/json" },
    };
    expect(await status("gemini-2.5-flash", body)).toEqual({
      status: 400,
      message: "Function calling with a response mime type: 'application/json' is unsupported",
    });
    expect((await status("gemini-3-flash-preview", body)).status).toBe(200);
  });
});
