import { describe, expect, it } from "vitest";
import { ApiError } from "../../../common/api-error.ts";
import { conformToModel, correctForRefusal } from "../../../src/gemini/conform-request.ts";
import { LearntRules } from "../../../src/gemini/models/learnt-rules.ts";
import type { GeminiGenerateContentRequest } from "../../../src/gemini/types.ts";

const ask = (
  generationConfig: GeminiGenerateContentRequest["generationConfig"],
): GeminiGenerateContentRequest => ({
  contents: [{ role: "user", parts: [{ text: "hi" }] }],
  generationConfig,
});

describe("conformToModel", () => {
  it("drops non-zero penalties where the table says the model refuses them, and says so", () => {
    const learnt = new LearntRules();
    const result = conformToModel(
      "gemini-3.8-flash",
      ask({ presencePenalty: 0.5, frequencyPenalty: 0, temperature: 0.2 }),
      learnt,
    );
    expect(result.body.generationConfig).toEqual({ frequencyPenalty: 0, temperature: 0.2 });
    expect(result.adjustments).toEqual([
      { setting: "presencePenalty", from: "0.5", to: "dropped" },
    ]);
    const kept = conformToModel("gemini-3-flash-preview", ask({ presencePenalty: 0.5 }), learnt);
    expect(kept.adjustments).toEqual([]);
    expect(kept.body.generationConfig).toEqual({ presencePenalty: 0.5 });
  });

  it("refuses a prefill on a model that refuses it, naming the rule, before any call", () => {
    const prefill: GeminiGenerateContentRequest = {
      contents: [
        { role: "user", parts: [{ text: "Say a colour" }] },
        { role: "model", parts: [{ text: "The colour is" }] },
      ],
    };
    const error = (() => {
      try {
        conformToModel("gemini-3.8-flash", prefill, new LearntRules());
      } catch (thrown) {
        return thrown;
      }
    })();
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, code: "prefill_not_supported" });
    expect((error as ApiError).message).toContain(
      "Requests ending with a model turn are not supported.",
    );
    expect(
      conformToModel("gemini-3-flash-preview", prefill, new LearntRules()).adjustments,
    ).toEqual([]);
  });

  it("leaves a body alone when nothing is refused (the same object)", () => {
    const body = ask({ thinkingConfig: { thinkingLevel: "LOW" } });
    expect(conformToModel("gemini-3.8-flash", body, new LearntRules()).body).toBe(body);
  });
});

describe("correctForRefusal", () => {
  it("replaces a refused level by the nearest one left, remembers it, and applies it next time", () => {
    const learnt = new LearntRules();
    const body = ask({ thinkingConfig: { thinkingLevel: "MEDIUM", includeThoughts: true } });
    const corrected = correctForRefusal(
      "gemini-9.9-flash",
      body,
      { kind: "thinking-level", level: "MEDIUM" },
      learnt,
    );
    expect(corrected?.body.generationConfig?.thinkingConfig).toEqual({
      thinkingLevel: "HIGH",
      includeThoughts: true,
    });
    expect(corrected?.adjustments).toEqual([
      { setting: "thinkingLevel", from: "MEDIUM", to: "HIGH" },
    ]);
    // The next request for the model is corrected before it is sent.
    const next = conformToModel("gemini-9.9-flash", body, learnt);
    expect(next.body.generationConfig?.thinkingConfig?.thinkingLevel).toBe("HIGH");
    expect(next.adjustments).toHaveLength(1);
    // Another model is not affected.
    expect(conformToModel("gemini-9.8-flash", body, learnt).adjustments).toEqual([]);
  });

  it("turns a refused budget into the level it is closest to", () => {
    const learnt = new LearntRules();
    const corrected = correctForRefusal(
      "gemini-4.2-flash",
      ask({ thinkingConfig: { thinkingBudget: 2048 } }),
      { kind: "no-thinking-budget" },
      learnt,
    );
    expect(corrected?.body.generationConfig?.thinkingConfig).toEqual({ thinkingLevel: "MEDIUM" });
    expect(corrected?.adjustments).toEqual([
      { setting: "thinkingBudget", from: "2048", to: "MEDIUM" },
    ]);
  });

  it("clamps a budget into the range Gemini named, and drops sampling it refused", () => {
    const learnt = new LearntRules();
    const budget = correctForRefusal(
      "gemini-2.6-flash",
      ask({ thinkingConfig: { thinkingBudget: 128 } }),
      { kind: "thinking-budget-range", min: 512, max: 24576 },
      learnt,
    );
    expect(budget?.body.generationConfig?.thinkingConfig).toEqual({ thinkingBudget: 512 });
    const sampling = correctForRefusal(
      "gemini-9.9-flash",
      ask({ temperature: 0.3, topK: 4, maxOutputTokens: 10 }),
      { kind: "sampling" },
      learnt,
    );
    expect(sampling?.body.generationConfig).toEqual({ maxOutputTokens: 10 });
    expect(sampling?.adjustments.map((adjustment) => adjustment.setting)).toEqual([
      "temperature",
      "topK",
    ]);
  });

  it("answers null (no retry) when the body holds nothing the refusal is about", () => {
    expect(
      correctForRefusal(
        "gemini-9.9-flash",
        ask({ temperature: 0.3 }),
        { kind: "thinking-level", level: "MEDIUM" },
        new LearntRules(),
      ),
    ).toBeNull();
  });
});

describe("LearntRules", () => {
  it("holds at most its limit of models, forgetting the least recently used first", () => {
    const learnt = new LearntRules(3);
    for (const id of ["a", "b", "c", "d"]) learnt.learn(id, { refusesPenalties: true });
    expect(learnt.size).toBe(3);
    expect(learnt.get("a")).toBeUndefined();
    learnt.learn("b", { refusesSampling: true });
    learnt.learn("e", { refusesPenalties: true });
    expect(learnt.get("c")).toBeUndefined();
    expect(learnt.get("b")).toMatchObject({ refusesPenalties: true, refusesSampling: true });
  });

  it("is bounded in the isolate by LEARNT_MODELS_LIMIT", async () => {
    const { isolateLearntRules, LEARNT_MODELS_LIMIT } = await import(
      "../../../src/gemini/models/learnt-rules.ts"
    );
    expect(LEARNT_MODELS_LIMIT).toBe(128);
    for (let index = 0; index < LEARNT_MODELS_LIMIT + 10; index++) {
      isolateLearntRules.learn(`gemini-bound-${index}`, { refusesPenalties: true });
    }
    expect(isolateLearntRules.size).toBe(LEARNT_MODELS_LIMIT);
    isolateLearntRules.clear();
  });
});

describe("conformToModel with the table's thinking facts (what a native client may send)", () => {
  const thinking = (model: string, thinkingConfig: Record<string, unknown>) =>
    conformToModel(model, ask({ thinkingConfig }), new LearntRules());

  it("moves a level the model does not take to the nearest one it takes, and says so", () => {
    const result = thinking("gemini-3.8-flash", { thinkingLevel: "MINIMAL" });
    expect(result.body.generationConfig?.thinkingConfig).toEqual({ thinkingLevel: "LOW" });
    expect(result.adjustments).toEqual([{ setting: "thinkingLevel", from: "MINIMAL", to: "LOW" }]);
    expect(thinking("gemini-4-argon", { thinkingLevel: "XHIGH" }).adjustments).toEqual([
      { setting: "thinkingLevel", from: "XHIGH", to: "HIGH" },
    ]);
    expect(thinking("gemini-4-neon", { thinkingLevel: "XHIGH" }).adjustments).toEqual([]);
  });

  it("turns a budget into the nearest level on a model that takes no budget (Gemini 4)", () => {
    const result = thinking("gemini-4-argon", { thinkingBudget: 24_576, includeThoughts: true });
    expect(result.body.generationConfig?.thinkingConfig).toEqual({
      thinkingLevel: "HIGH",
      includeThoughts: true,
    });
  });

  it("turns a level into its budget on a budget model, within the model's range", () => {
    const result = thinking("gemini-2.5-flash-lite", { thinkingLevel: "HIGH" });
    expect(result.body.generationConfig?.thinkingConfig).toEqual({ thinkingBudget: 24_576 });
    expect(result.adjustments).toEqual([
      { setting: "thinkingLevel", from: "HIGH", to: "budget 24576" },
    ]);
    expect(
      thinking("gemini-2.5-flash-lite", { thinkingBudget: 128 }).body.generationConfig
        ?.thinkingConfig,
    ).toEqual({ thinkingBudget: 512 });
    expect(thinking("gemini-2.5-flash-lite", { thinkingBudget: 0 }).adjustments).toEqual([]);
    expect(thinking("gemini-2.5-flash-lite", { thinkingBudget: -1 }).adjustments).toEqual([]);
  });

  it("keeps the level when both are sent (Google takes only one)", () => {
    const result = thinking("gemini-3.8-flash", { thinkingLevel: "HIGH", thinkingBudget: 1024 });
    expect(result.body.generationConfig?.thinkingConfig).toEqual({ thinkingLevel: "HIGH" });
  });

  it("takes every thinking setting off a model that does not think, except a zero budget", () => {
    const result = thinking("gemma-3-27b-it", { thinkingLevel: "HIGH", includeThoughts: true });
    expect(result.body.generationConfig).toEqual({});
    expect(result.adjustments).toEqual([
      { setting: "thinkingLevel", from: "HIGH", to: "dropped" },
      { setting: "includeThoughts", from: "true", to: "dropped" },
    ]);
    expect(thinking("gemma-3-27b-it", { thinkingBudget: 0 }).adjustments).toEqual([]);
  });

  it("leaves a model the table does not know to Gemini's own refusals", () => {
    expect(thinking("gemini-9.9-flash", { thinkingLevel: "MINIMAL" }).adjustments).toEqual([]);
  });
});

describe("conformToModel: per-part media resolution", () => {
  const image = (level?: string) => ({
    inlineData: { mimeType: "image/png", data: "AAAA" },
    ...(level ? { mediaResolution: { level: level as "MEDIA_RESOLUTION_LOW" } } : {}),
  });
  const withImages = (
    levels: (string | undefined)[],
    generationConfig?: GeminiGenerateContentRequest["generationConfig"],
  ): GeminiGenerateContentRequest => ({
    contents: [{ role: "user", parts: [{ text: "look" }, ...levels.map(image)] }],
    ...(generationConfig ? { generationConfig } : {}),
  });

  it("keeps each part's level on a model that takes it (Gemini 3 and 4), ULTRA_HIGH too", () => {
    for (const model of ["gemini-3.8-flash", "gemini-4-argon", "gemini-3.1-flash-image"]) {
      const body = withImages(["MEDIA_RESOLUTION_LOW", "MEDIA_RESOLUTION_ULTRA_HIGH"]);
      const result = conformToModel(model, body, new LearntRules());
      expect(result.body).toBe(body);
      expect(result.adjustments).toEqual([]);
    }
  });

  it("moves the highest level request-wide where the model takes none per part (ULTRA_HIGH as HIGH)", () => {
    const result = conformToModel(
      "gemini-2.5-flash-lite",
      withImages(["MEDIA_RESOLUTION_LOW", "MEDIA_RESOLUTION_ULTRA_HIGH", undefined]),
      new LearntRules(),
    );
    expect(result.body.contents[0]?.parts.some((part) => "mediaResolution" in part)).toBe(false);
    expect(result.body.generationConfig).toEqual({ mediaResolution: "MEDIA_RESOLUTION_HIGH" });
    expect(result.adjustments).toEqual([
      { setting: "mediaResolution", from: "per part", to: "MEDIA_RESOLUTION_HIGH" },
    ]);
    const low = conformToModel(
      "gemma-3-27b-it",
      withImages(["MEDIA_RESOLUTION_LOW"]),
      new LearntRules(),
    );
    expect(low.body.generationConfig).toEqual({ mediaResolution: "MEDIA_RESOLUTION_LOW" });
  });

  it("keeps a client's own request-wide setting, dropping the parts' levels", () => {
    const result = conformToModel(
      "gemini-2.5-flash-lite",
      withImages(["MEDIA_RESOLUTION_HIGH"], { mediaResolution: "MEDIA_RESOLUTION_LOW" }),
      new LearntRules(),
    );
    expect(result.body.generationConfig).toEqual({ mediaResolution: "MEDIA_RESOLUTION_LOW" });
    expect(result.adjustments).toEqual([
      { setting: "mediaResolution", from: "per part", to: "dropped" },
    ]);
  });

  it("learns Gemini's refusal of per-part resolution for a model the table has wrong", () => {
    const learnt = new LearntRules();
    const body = withImages(["MEDIA_RESOLUTION_MEDIUM"]);
    const corrected = correctForRefusal(
      "gemini-9.9-flash",
      body,
      { kind: "part-media-resolution" },
      learnt,
    );
    expect(corrected?.body.generationConfig).toEqual({
      mediaResolution: "MEDIA_RESOLUTION_MEDIUM",
    });
    expect(conformToModel("gemini-9.9-flash", body, learnt).adjustments).toHaveLength(1);
  });
});
