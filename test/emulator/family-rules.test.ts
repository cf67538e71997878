import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InventedModel } from "../../emulator/models/catalog.ts";
import { type Emulator, startEmulator } from "../../emulator/server.ts";
import { MODEL_TABLE } from "../../src/gemini/models/model-table.ts";
import { generate, KEY, userText } from "./call-emulator.ts";

/** A budget model that cannot stop thinking, as gemini-2.5-pro was before its 2026-12-01 reroute. */
const PRO_25 = MODEL_TABLE.find((row) => row.id === "gemini-2.5-pro") as InventedModel;
const LEGACY_PRO: InventedModel = {
  ...PRO_25,
  id: "gemini-2.4-pro",
  status: "stable",
  reroutedTo: undefined,
} as InventedModel;

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ keys: [KEY], extraModels: [LEGACY_PRO] });
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
    for (const model of ["gemini-2.5-flash-lite", "gemini-2.4-pro"]) {
      expect(
        await status(model, { ...userText("hi"), tools: [{ googleSearch: {} }, FUNCTION] }),
      ).toEqual({
        status: 400,
        message: "Tool use with function calling is unsupported by the model.",
      });
    }
    expect(
      (
        await status("gemini-2.5-flash-lite", {
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
    expect((await status("gemini-4-argon", combined)).status).toBe(200);
    // gemini-2.5-flash is answered by gemini-3.5-flash-lite since 2026-12-01: its rules apply.
    expect((await status("gemini-2.5-flash", combined)).status).toBe(200);
    expect((await status("gemini-2.5-flash-lite", combined)).status).toBe(400);
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
    for (const model of ["gemini-2.5-flash-lite", "gemini-2.5-flash", "gemini-3.8-flash"]) {
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
    expect((await status("gemini-3.8-flash", thinking({ thinkingLevel: "high" }))).status).toBe(
      200,
    );
    expect(await status("gemini-3.8-flash", thinking({ thinkingLevel: "MINIMAL" }))).toEqual({
      status: 400,
      message:
        "Thinking level MINIMAL is not supported for this model. Please retry with other thinking level.",
    });
    expect((await status("gemini-4-argon", thinking({ thinkingLevel: "MINIMAL" }))).status).toBe(
      400,
    );
    expect((await status("gemini-4-argon", thinking({ thinkingLevel: "XHIGH" }))).status).toBe(400);
    expect((await status("gemini-4-neon", thinking({ thinkingLevel: "xhigh" }))).status).toBe(200);
    expect((await status("gemini-3.6-flash", thinking({ thinkingLevel: "MINIMAL" }))).status).toBe(
      200,
    );
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
    expect(await status("gemini-2.5-flash-lite", thinking({ thinkingLevel: "LOW" }))).toEqual({
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
      ["gemini-2.4-pro", 0, 400],
      ["gemini-2.4-pro", 127, 400],
      ["gemini-2.4-pro", 128, 200],
      ["gemini-2.4-pro", 32768, 200],
      ["gemini-2.4-pro", 32769, 400],
      ["gemini-2.4-pro", -1, 200],
      // Gemini 3 keeps budgets for backwards compatibility; Gemini 4 takes none.
      ["gemini-3.8-flash", 1024, 200],
      ["gemini-4-argon", 1024, 400],
    ];
    for (const [model, budget, expected] of cases) {
      const answer = await status(model, thinking({ thinkingBudget: budget }));
      expect(answer.status, `${model} ${budget}`).toBe(expected);
    }
    expect((await status("gemini-2.5-flash-lite", thinking({ thinkingBudget: 128 }))).message).toBe(
      "The thinking budget 128 is invalid. Please choose a value between 512 and 24576.",
    );
    expect((await status("gemini-4-argon", thinking({ thinkingBudget: 1024 }))).message).toBe(
      "Thinking budget is not supported for this model.",
    );
    expect((await status("gemini-2.4-pro", thinking({ thinkingBudget: 0 }))).message).toBe(
      "Budget 0 is invalid. This model only works in thinking mode.",
    );
  });

  it("refuses thinking on models without it (Gemma, 2.5 Flash Image)", async () => {
    expect((await status("gemma-3-27b-it", thinking({ thinkingBudget: 1024 }))).status).toBe(400);
    expect(
      (await status("gemini-2.5-flash-image", thinking({ includeThoughts: true }))).status,
    ).toBe(400);
    expect((await status("gemma-3-27b-it", thinking({ thinkingBudget: 0 }))).status).toBe(200);
  });
});

describe("function calling with JSON output", () => {
  it("is refused before Gemini 3 and taken on Gemini 3", async () => {
    const body = {
      ...userText("hi"),
      tools: [FUNCTION],
      generationConfig: { responseMimeType: "application/json" },
    };
    expect(await status("gemini-2.5-flash-lite", body)).toEqual({
      status: 400,
      message: "Function calling with a response mime type: 'application/json' is unsupported",
    });
    expect((await status("gemini-3-flash-preview", body)).status).toBe(200);
  });
});

describe("retired and rerouted models (the model table's lifecycle)", () => {
  it("answers a shut-down model 404 with Google's text", async () => {
    for (const model of ["gemini-2.0-flash", "gemini-3-pro-preview", "text-embedding-004"]) {
      const answer = await generate(emulator, model, userText("hi"));
      expect(answer.status, model).toBe(404);
      expect(answer.json.error).toMatchObject({
        status: "NOT_FOUND",
        message: `This model models/${model} is no longer available. Please update your code to use a newer model for the latest features and improvements.`,
      });
    }
  });

  it("answers a rerouted model with a 200 whose modelVersion names the model that answered", async () => {
    const cases = [
      ["gemini-2.5-flash", "gemini-3.5-flash-lite"],
      ["gemini-2.5-pro", "gemini-3.8-flash"],
      ["gemini-3.7-flash", "gemini-3.8-flash"],
      ["gemini-3.5-flash", "gemini-3.6-flash"],
    ];
    for (const [asked, served] of cases) {
      const answer = await generate(emulator, asked as string, userText("hi"));
      expect(answer.status, asked).toBe(200);
      expect(answer.json.modelVersion, asked).toBe(served);
    }
    // And the rules of the model that answers: gemini-2.5-pro was a budget model.
    expect((await status("gemini-2.5-pro", thinking({ thinkingLevel: "LOW" }))).status).toBe(200);
    expect((await status("gemini-2.5-pro", thinking({ thinkingLevel: "MINIMAL" }))).status).toBe(
      400,
    );
  });

  it("says each asked id's lifecycle stage in modelStatus, from the table's status", async () => {
    const stageOf = async (model: string) =>
      (await generate(emulator, model, userText("hi"))).json.modelStatus;
    expect(await stageOf("gemini-2.5-flash")).toEqual({
      modelStage: "RETIRED",
      retirementTime: "2026-12-01T00:00:00Z",
      message:
        "gemini-2.5-flash is retired. Requests are answered by gemini-3.5-flash-lite. Use gemini-3.5-flash-lite instead.",
    });
    expect((await stageOf("gemini-3.7-flash"))?.modelStage).toBe("DEPRECATED");
    expect((await stageOf("gemini-2.5-flash-image"))?.modelStage).toBe("LEGACY");
    expect(await stageOf("gemini-3.1-pro-preview")).toEqual({ modelStage: "PREVIEW" });
    expect(await stageOf("gemini-3.8-flash")).toBeUndefined();
    // Streamed too, on every chunk, as modelVersion.
    const stream = await fetch(
      `${emulator.url}/v1beta/models/gemini-2.5-pro:streamGenerateContent?alt=sse`,
      {
        method: "POST",
        headers: { "x-goog-api-key": KEY, "content-type": "application/json" },
        body: JSON.stringify(userText("hi")),
      },
    );
    const events = (await stream.text()).split("\r\n\r\n").filter((event) => event !== "");
    expect(events.length).toBeGreaterThan(1);
    for (const event of events) {
      expect(JSON.parse(event.slice("data: ".length)).modelStatus?.modelStage).toBe("RETIRED");
    }
  });
});

describe("what 3.5 Flash-Lite, 3.6 Flash and later refuse", () => {
  const penalty = { ...userText("hi"), generationConfig: { presencePenalty: 0.5 } };
  const prefill = {
    contents: [
      { role: "user", parts: [{ text: "Say a colour" }] },
      { role: "model", parts: [{ text: "The colour is" }] },
    ],
  };

  it("refuses non-zero penalties with Google's text and takes them on older models", async () => {
    for (const model of ["gemini-3.6-flash", "gemini-3.8-flash", "gemini-4-argon"]) {
      expect(await status(model, penalty)).toEqual({
        status: 400,
        message: "Penalty is not enabled for this model",
      });
    }
    const zero = { ...userText("hi"), generationConfig: { frequencyPenalty: 0 } };
    expect((await status("gemini-3.8-flash", zero)).status).toBe(200);
    expect((await status("gemini-3.1-pro-preview", penalty)).status).toBe(200);
  });

  it("refuses a request that ends with a model turn (prefill)", async () => {
    for (const model of ["gemini-3.5-flash-lite", "gemini-3.8-flash", "gemini-4-neon"]) {
      expect(await status(model, prefill)).toEqual({
        status: 400,
        message: "Requests ending with a model turn are not supported.",
      });
    }
    expect((await status("gemini-3-flash-preview", prefill)).status).toBe(200);
  });

  it("takes (and ignores) temperature, topP and topK", async () => {
    const sampling = {
      ...userText("hi"),
      generationConfig: { temperature: 0.2, topP: 0.5, topK: 3 },
    };
    expect((await status("gemini-3.8-flash", sampling)).status).toBe(200);
  });
});

describe("models the table has never seen (emulator option extraModels)", () => {
  it("rules an invented model by its own row: only LOW and HIGH, no sampling", async () => {
    const flash = MODEL_TABLE.find((row) => row.id === "gemini-3.8-flash") as InventedModel;
    const invented: InventedModel = {
      ...flash,
      id: "gemini-9.9-flash",
      displayName: "Gemini 9.9 Flash",
      thinking: { kind: "levels", levels: ["LOW", "HIGH"], default: "HIGH", budgetAccepted: false },
      refusesSampling: true,
    };
    const own = await startEmulator({ keys: [KEY], extraModels: [invented] });
    try {
      const medium = await generate(own, "gemini-9.9-flash", thinking({ thinkingLevel: "MEDIUM" }));
      expect(medium.json.error.message).toBe(
        "Thinking level MEDIUM is not supported for this model. Please retry with other thinking level.",
      );
      const high = await generate(own, "gemini-9.9-flash", thinking({ thinkingLevel: "HIGH" }));
      expect(high.status).toBe(200);
      expect(high.json.modelVersion).toBe("gemini-9.9-flash");
      const sampling = await generate(own, "gemini-9.9-flash", {
        ...userText("hi"),
        generationConfig: { temperature: 0.3 },
      });
      expect(sampling.json.error.message).toBe(
        "Sampling parameters are not supported for this model.",
      );
    } finally {
      await own.close();
    }
  });
});

describe("media resolution: per part on Gemini 3 and 4, request-wide everywhere", () => {
  const PNG =
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";
  const withImage = (level: string, generationConfig?: unknown) => ({
    contents: [
      {
        role: "user",
        parts: [
          { text: "look" },
          { inlineData: { mimeType: "image/png", data: PNG }, mediaResolution: { level } },
        ],
      },
    ],
    ...(generationConfig ? { generationConfig } : {}),
  });

  it("takes every part level on Gemini 3 and 4, ULTRA_HIGH included, and counts its tokens", async () => {
    for (const model of ["gemini-3.8-flash", "gemini-4-argon", "gemini-3-pro-image"]) {
      const answer = await generate(emulator, model, withImage("MEDIA_RESOLUTION_ULTRA_HIGH"));
      expect(answer.status, model).toBe(200);
    }
    const low = await generate(emulator, "gemini-3.8-flash", withImage("MEDIA_RESOLUTION_LOW"));
    expect(low.json.usageMetadata?.promptTokenCount).toBe(1 + 280);
  });

  it("refuses a part's level before Gemini 3, with Google's text", async () => {
    for (const model of ["gemini-2.5-flash-lite", "gemma-3-27b-it"]) {
      expect(await status(model, withImage("MEDIA_RESOLUTION_LOW"))).toEqual({
        status: 400,
        message: "Per part media resolution is not supported for this Model.",
      });
    }
    // A rerouted id is ruled by the model that answers (2.5 Flash → 3.5 Flash-Lite).
    expect((await status("gemini-2.5-flash", withImage("MEDIA_RESOLUTION_LOW"))).status).toBe(200);
  });

  it("takes the request-wide setting on every model, but never ULTRA_HIGH", async () => {
    const requestWide = (level: string) => ({
      ...userText("hi"),
      generationConfig: { mediaResolution: level },
    });
    expect(
      (await status("gemini-2.5-flash-lite", requestWide("MEDIA_RESOLUTION_HIGH"))).status,
    ).toBe(200);
    const ultra = await status("gemini-3.8-flash", requestWide("MEDIA_RESOLUTION_ULTRA_HIGH"));
    expect(ultra.status).toBe(400);
    expect(ultra.message).toContain("media_resolution");
  });
});
