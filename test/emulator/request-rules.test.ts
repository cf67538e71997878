import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Emulator, startEmulator } from "../../emulator/server.ts";
import { generate, KEY, userText } from "./call-emulator.ts";

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ keys: [KEY] });
});
afterAll(() => emulator.close());

const thinking = (thinkingConfig: unknown) => ({
  ...userText("hi"),
  generationConfig: { thinkingConfig },
});

describe("the backend's request rules", () => {
  it("answers 400 'contents is not specified' for empty contents", async () => {
    const answer = await generate(emulator, "gemini-2.5-flash-lite", { contents: [] });
    expect(answer.status).toBe(400);
    expect(answer.json.error).toEqual({
      code: 400,
      message: "* GenerateContentRequest.contents: contents is not specified\n",
      status: "INVALID_ARGUMENT",
    });
  });

  it("accepts the roles user, model and function, and refuses others", async () => {
    const ok = await generate(emulator, "gemini-2.5-flash-lite", {
      contents: [
        { role: "user", parts: [{ text: "a" }] },
        { role: "model", parts: [{ text: "b" }] },
        { role: "function", parts: [{ text: "c" }] },
      ],
    });
    expect(ok.status).toBe(200);
    const bad = await generate(emulator, "gemini-2.5-flash-lite", {
      contents: [{ role: "assistant", parts: [{ text: "a" }] }],
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error.message).toBe("Please use a valid role: user, model.");
  });

  it("requires application/json for a responseSchema", async () => {
    const answer = await generate(emulator, "gemini-2.5-flash-lite", {
      ...userText("hi"),
      generationConfig: { responseSchema: { type: "STRING" } },
    });
    expect(answer.status).toBe(400);
    expect(answer.json.error.message).toContain("generation_config.response_schema");
  });

  it("allows at most 5 stop sequences and a temperature within [0, 2]", async () => {
    const stops = await generate(emulator, "gemini-2.5-flash-lite", {
      ...userText("hi"),
      generationConfig: { stopSequences: ["a", "b", "c", "d", "e", "f"] },
    });
    expect(stops.status).toBe(400);
    const hot = await generate(emulator, "gemini-2.5-flash-lite", {
      ...userText("hi"),
      generationConfig: { temperature: 2.5 },
    });
    expect(hot.status).toBe(400);
    expect(hot.json.error.message).toContain("generation_config.temperature");
  });

  it("takes thinkingLevel only on Gemini 3 and thinkingBudget on 2.5, never both", async () => {
    expect(
      (await generate(emulator, "gemini-3.1-pro-preview", thinking({ thinkingLevel: "LOW" })))
        .status,
    ).toBe(200);
    const levelOn25 = await generate(
      emulator,
      "gemini-2.5-flash-lite",
      thinking({ thinkingLevel: "HIGH" }),
    );
    expect(levelOn25.status).toBe(400);
    expect(levelOn25.json.error.message).toBe("Thinking level is not supported for this model.");
    const both = await generate(
      emulator,
      "gemini-3-flash-preview",
      thinking({ thinkingLevel: "LOW", thinkingBudget: 100 }),
    );
    expect(both.status).toBe(400);
    expect(
      (await generate(emulator, "gemini-2.5-flash-lite", thinking({ thinkingBudget: 24576 })))
        .status,
    ).toBe(200);
    expect(
      (await generate(emulator, "gemini-2.5-flash-lite", thinking({ thinkingBudget: 24577 })))
        .status,
    ).toBe(400);
  });

  it("refuses HARM_CATEGORY_CIVIC_INTEGRITY on gemini-3 (and 2.5-pro, answered by 3.8 Flash) but not on 2.5-flash-lite", async () => {
    const body = {
      ...userText("hi"),
      safetySettings: [{ category: "HARM_CATEGORY_CIVIC_INTEGRITY", threshold: "BLOCK_NONE" }],
    };
    for (const model of ["gemini-3.1-pro-preview", "gemini-3-flash-preview", "gemini-2.5-pro"]) {
      const answer = await generate(emulator, model, body);
      expect(answer.status).toBe(400);
      expect(answer.json.error.message).toContain("safety_settings[0].category");
    }
    expect((await generate(emulator, "gemini-2.5-flash-lite", body)).status).toBe(200);
  });

  it("refuses an unknown harm category as an invalid enum value", async () => {
    const answer = await generate(emulator, "gemini-2.5-flash-lite", {
      ...userText("hi"),
      safetySettings: [{ category: "HARM_CATEGORY_NOPE", threshold: "BLOCK_NONE" }],
    });
    expect(answer.status).toBe(400);
    expect(answer.json.error.message).toBe(
      `Invalid value at 'safety_settings[0].category' (type.googleapis.com/google.ai.generativelanguage.v1beta.HarmCategory), "HARM_CATEGORY_NOPE"`,
    );
  });

  it("refuses a schema whose required names a missing property", async () => {
    const answer = await generate(emulator, "gemini-2.5-flash-lite", {
      ...userText("hi"),
      tools: [
        {
          functionDeclarations: [
            {
              name: "f",
              parameters: {
                type: "OBJECT",
                properties: { a: { type: "STRING" } },
                required: ["b"],
              },
            },
          ],
        },
      ],
    });
    expect(answer.status).toBe(400);
    expect(answer.json.error.message).toBe(
      "* GenerateContentRequest.tools[0].function_declarations[0].parameters.required[0]: property is not defined\n",
    );
  });

  it("refuses a function name with spaces", async () => {
    const answer = await generate(emulator, "gemini-2.5-flash-lite", {
      ...userText("hi"),
      tools: [{ functionDeclarations: [{ name: "get weather" }] }],
    });
    expect(answer.status).toBe(400);
    expect(answer.json.error.message).toContain(
      "function_declarations[0].name: Invalid function name.",
    );
  });

  it("refuses function responses that do not answer the call turn before them", async () => {
    const answer = await generate(emulator, "gemini-2.5-flash-lite", {
      contents: [
        { role: "user", parts: [{ text: "call a and b" }] },
        {
          role: "model",
          parts: [{ functionCall: { name: "a" } }, { functionCall: { name: "b" } }],
        },
        { role: "user", parts: [{ functionResponse: { name: "a", response: {} } }] },
      ],
    });
    expect(answer.status).toBe(400);
    expect(answer.json.error.message).toContain("number of function response parts is equal");
  });

  it("answers 404 NOT_FOUND for an unknown model and for embedding models on generateContent", async () => {
    const unknown = await generate(emulator, "gemini-0-nope", userText("hi"));
    expect(unknown.status).toBe(404);
    expect(unknown.json.error).toEqual({
      code: 404,
      status: "NOT_FOUND",
      message:
        "models/gemini-0-nope is not found for API version v1beta, or is not supported for generateContent. Call ListModels to see the list of available models and their supported methods.",
    });
    expect((await generate(emulator, "gemini-embedding-001", userText("hi"))).status).toBe(404);
  });
});

describe("Gemini 3 thought signatures", () => {
  const tools = [{ functionDeclarations: [{ name: "lookup" }] }];
  const conversation = (signature?: string) => ({
    tools,
    contents: [
      { role: "user", parts: [{ text: "call lookup" }] },
      {
        role: "model",
        parts: [
          {
            functionCall: { name: "lookup", args: {} },
            ...(signature ? { thoughtSignature: signature } : {}),
          },
        ],
      },
      {
        role: "user",
        parts: [{ functionResponse: { name: "lookup", response: { found: true } } }],
      },
    ],
  });

  it("refuses a current-turn function call without thoughtSignature", async () => {
    const answer = await generate(emulator, "gemini-3.1-pro-preview", conversation());
    expect(answer.status).toBe(400);
    expect(answer.json.error.status).toBe("INVALID_ARGUMENT");
    expect(answer.json.error.message).toMatch(
      /^Function call is missing a thought_signature in functionCall parts/,
    );
    expect((await generate(emulator, "gemini-2.5-flash-lite", conversation())).status).toBe(200);
  });

  it("signs every function call it returns, and accepts the signature back", async () => {
    const first = await generate(emulator, "gemini-3-flash-preview", {
      tools,
      ...userText("call lookup"),
    });
    const part = first.json.candidates[0].content.parts[0];
    expect(part.functionCall.name).toBe("lookup");
    expect(part.thoughtSignature).toMatch(/^[A-Za-z0-9+/]+=*$/);
    const second = await generate(
      emulator,
      "gemini-3-flash-preview",
      conversation(part.thoughtSignature),
    );
    expect(second.status).toBe(200);
    expect(second.json.candidates[0].content.parts.at(-1).text).toBe('Tool said: {"found":true}');
  });

  it("accepts Google's documented dummy signature", async () => {
    const answer = await generate(
      emulator,
      "gemini-3.1-pro-preview",
      conversation("skip_thought_signature_validator"),
    );
    expect(answer.status).toBe(200);
  });
});
