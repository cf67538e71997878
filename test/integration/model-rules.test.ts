import Anthropic from "@anthropic-ai/sdk";
import OpenAI from "openai";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { InventedModel } from "../../emulator/models/catalog.ts";
import { MODEL_TABLE } from "../../src/gemini/models/model-table.ts";
import { type BackendFixture, PASS, startBackend } from "../support/backend.ts";

/**
 * Issue 20 (request side), end to end: clients → the backend in workerd → the emulator, which
 * rules today's models from the model table and invents models the table has never seen.
 */
const FLASH_38 = MODEL_TABLE.find((row) => row.id === "gemini-3.8-flash") as InventedModel;
/** A future model with rules nobody wrote down: only LOW and HIGH, and no sampling at all. */
const FUTURE: InventedModel = {
  ...FLASH_38,
  id: "gemini-9.9-flash",
  displayName: "Gemini 9.9 Flash",
  thinking: { kind: "levels", levels: ["LOW", "HIGH"], default: "HIGH", budgetAccepted: false },
  refusesSampling: true,
};
/** Another one that refuses penalties, which the gateway's derivation would not expect of it. */
const PENALTY_FREE: InventedModel = {
  ...FLASH_38,
  id: "gemini-9.8-pro",
  displayName: "Gemini 9.8 Pro",
  thinking: {
    kind: "levels",
    levels: ["LOW", "MEDIUM", "HIGH"],
    default: "HIGH",
    budgetAccepted: true,
  },
  refuses: { ...FLASH_38.refuses, penalties: true, prefill: false },
};

let backend: BackendFixture;
beforeAll(async () => {
  backend = await startBackend({ emulator: { extraModels: [FUTURE, PENALTY_FREE] } });
});
afterAll(() => backend.close());
afterEach(() => backend.emulator.reset());

type Body = { generationConfig?: Record<string, unknown> };
const generateCalls = () =>
  backend.emulator.requests().filter((request) => request.path.includes(":generateContent"));
const chat = (body: Record<string, unknown>) =>
  fetch(`${backend.url}/v1/chat/completions`, {
    method: "POST",
    headers: { authorization: `Bearer ${PASS}`, "content-type": "application/json" },
    body: JSON.stringify({ messages: [{ role: "user", content: "hi" }], ...body }),
  });

describe("a model the table does not know, learnt from Gemini's own refusals", () => {
  it("costs one extra call, then succeeds, says what changed, and remembers it", async () => {
    const first = await chat({ model: "gemini-9.9-flash", reasoning_effort: "medium" });
    expect(first.status, await first.clone().text()).toBe(200);
    expect(first.headers.get("x-router-adjusted")).toBe("thinkingLevel=MEDIUM->HIGH");
    const calls = generateCalls();
    expect(calls).toHaveLength(2);
    expect((calls[0]?.body as Body | undefined)?.generationConfig?.thinkingConfig).toEqual({
      thinkingLevel: "MEDIUM",
    });
    expect((calls[1]?.body as Body | undefined)?.generationConfig?.thinkingConfig).toEqual({
      thinkingLevel: "HIGH",
    });
    // Remembered in the isolate: the next request goes out corrected, in one call.
    backend.emulator.reset();
    const second = await chat({ model: "gemini-9.9-flash", reasoning_effort: "medium" });
    expect(second.status).toBe(200);
    expect(second.headers.get("x-router-adjusted")).toBe("thinkingLevel=MEDIUM->HIGH");
    expect(generateCalls()).toHaveLength(1);
  });

  it("drops sampling the model refuses, and penalties, each at the cost of one call once", async () => {
    const sampled = await chat({ model: "gemini-9.9-flash", temperature: 0.3, top_p: 0.5 });
    expect(sampled.status).toBe(200);
    expect(sampled.headers.get("x-router-adjusted")).toBe(
      "temperature=0.3->dropped, topP=0.5->dropped",
    );
    expect(generateCalls()).toHaveLength(2);
    backend.emulator.reset();
    const penalised = await chat({ model: "gemini-9.8-pro", presence_penalty: 0.4 });
    expect(penalised.status).toBe(200);
    expect(penalised.headers.get("x-router-adjusted")).toBe("presencePenalty=0.4->dropped");
    expect(generateCalls()).toHaveLength(2);
  });

  it("never retries any other 400: one call, Gemini's refusal passed on", async () => {
    const answer = await chat({
      model: "gemini-9.9-flash",
      google: {
        safety_settings: [{ category: "HARM_CATEGORY_CIVIC_INTEGRITY", threshold: "BLOCK_NONE" }],
      },
    });
    expect(answer.status).toBe(400);
    expect(answer.headers.get("x-router-adjusted")).toBeNull();
    expect(((await answer.json()) as { error: { message: string } }).error.message).toContain(
      "HARM_CATEGORY_CIVIC_INTEGRITY",
    );
    expect(generateCalls()).toHaveLength(1);
  });
});

describe("today's models: what the gateway does before Gemini would refuse", () => {
  it("drops a penalty that Gemini 3.6+ refuses, with the header, in one call", async () => {
    const answer = await chat({ model: "gemini-3.8-flash", frequency_penalty: 0.7 });
    expect(answer.status).toBe(200);
    expect(answer.headers.get("x-router-adjusted")).toBe("frequencyPenalty=0.7->dropped");
    const calls = generateCalls();
    expect(calls).toHaveLength(1);
    expect((calls[0]?.body as Body | undefined)?.generationConfig).not.toHaveProperty(
      "frequencyPenalty",
    );
  });

  it("maps every reasoning_effort to a level each model takes", async () => {
    const models = ["gemini-3.8-flash", "gemini-3.6-flash", "gemini-4-argon", "gemini-4-neon"];
    const efforts = ["none", "minimal", "low", "medium", "high", "xhigh"];
    for (const model of models) {
      for (const effort of efforts) {
        const answer = await chat({ model, reasoning_effort: effort });
        expect(answer.status, `${model} ${effort}`).toBe(200);
        expect(answer.headers.get("x-router-adjusted"), `${model} ${effort}`).toBeNull();
      }
    }
    expect(generateCalls()).toHaveLength(models.length * efforts.length);
  });

  it("refuses a prefill where Google refuses it, in the surface's shape, naming the rule", async () => {
    const answer = await chat({
      model: "gemini-3.8-flash",
      messages: [
        { role: "user", content: "Name a colour" },
        { role: "assistant", content: "The colour is" },
      ],
    });
    expect(answer.status).toBe(400);
    const body = (await answer.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("prefill_not_supported");
    expect(body.error.message).toContain("Requests ending with a model turn are not supported.");
    expect(generateCalls()).toHaveLength(0);

    const anthropic = new Anthropic({ baseURL: backend.url, apiKey: PASS, maxRetries: 0 });
    const error = await anthropic.messages
      .create({
        model: "gemini-3.8-flash",
        max_tokens: 100,
        messages: [
          { role: "user", content: "Name a colour" },
          { role: "assistant", content: "The colour is" },
        ],
      })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Anthropic.BadRequestError);
    expect((error as Error).message).toContain("prefill");
  });

  it("conforms a native Gemini body to the table before the call, and only where needed", async () => {
    const native = (model: string, body: unknown) =>
      fetch(`${backend.url}/v1beta/models/${model}:generateContent`, {
        method: "POST",
        headers: { "x-goog-api-key": PASS, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    const ask = (text: string, generationConfig?: unknown) => ({
      contents: [{ role: "user", parts: [{ text }] }],
      ...(generationConfig ? { generationConfig } : {}),
    });
    // A level 3.8 Flash does not take: the nearest one, in one call, and the header says so.
    const minimal = await native(
      "gemini-3.8-flash",
      ask("hi", { thinkingConfig: { thinkingLevel: "MINIMAL" } }),
    );
    expect(minimal.status).toBe(200);
    expect(minimal.headers.get("x-router-adjusted")).toBe("thinkingLevel=MINIMAL->LOW");
    const sent = generateCalls()[0]?.body as Record<string, unknown> & Body;
    expect(sent.generationConfig?.thinkingConfig).toEqual({ thinkingLevel: "LOW" });
    expect(generateCalls()).toHaveLength(1);
    // Nothing to change: the client's body goes upstream as it came, with no header.
    backend.emulator.reset();
    const text =
      '{"contents":[{"role":"user","parts":[{"text":"hi"}]}],  "generationConfig":{"thinkingConfig":{"thinkingLevel":"low"}}}';
    const untouched = await fetch(`${backend.url}/v1beta/models/gemini-3.8-flash:generateContent`, {
      method: "POST",
      headers: { "x-goog-api-key": PASS, "content-type": "application/json" },
      body: text,
    });
    expect(untouched.status).toBe(200);
    expect(untouched.headers.get("x-router-adjusted")).toBeNull();
    // A prefill 3.8 Flash refuses: a 400 in Gemini's own error shape, before any call.
    backend.emulator.reset();
    const prefill = await native("gemini-3.8-flash", {
      contents: [
        { role: "user", parts: [{ text: "Name a colour" }] },
        { role: "model", parts: [{ text: "The colour is" }] },
      ],
    });
    expect(prefill.status).toBe(400);
    const error = ((await prefill.json()) as { error: { status: string; message: string } }).error;
    expect(error.status).toBe("INVALID_ARGUMENT");
    expect(error.message).toContain("Requests ending with a model turn are not supported.");
    expect(generateCalls()).toHaveLength(0);
  });

  it("refuses max_tokens above the model's output limit, naming the field, before any call", async () => {
    const cases: Array<[string, Record<string, unknown>, string]> = [
      ["/v1/chat/completions", { max_tokens: 1_000_000 }, "max_tokens"],
      ["/v1/chat/completions", { max_completion_tokens: 70_000 }, "max_completion_tokens"],
    ];
    for (const [path, extra, param] of cases) {
      const answer = await fetch(`${backend.url}${path}`, {
        method: "POST",
        headers: { authorization: `Bearer ${PASS}`, "content-type": "application/json" },
        body: JSON.stringify({
          model: "gemini-3.8-flash",
          messages: [{ role: "user", content: "hi" }],
          ...extra,
        }),
      });
      expect(answer.status, param).toBe(400);
      expect(((await answer.json()) as { error: { param: string } }).error.param).toBe(param);
    }
    const responses = await backend.client.responses
      .create({ model: "gemini-3.8-flash", input: "hi", max_output_tokens: 100_000 })
      .catch((caught: unknown) => caught);
    expect(responses).toBeInstanceOf(OpenAI.BadRequestError);
    expect((responses as { param?: string }).param).toBe("max_output_tokens");
    // The Anthropic SDK itself refuses so large a non-streamed request: sent as raw JSON.
    const messages = await fetch(`${backend.url}/v1/messages`, {
      method: "POST",
      headers: { "x-api-key": PASS, "content-type": "application/json" },
      body: JSON.stringify({
        model: "gemini-3.8-flash",
        max_tokens: 1_000_000,
        messages: [{ role: "user", content: "hi" }],
      }),
    });
    expect(messages.status).toBe(400);
    expect(await messages.json()).toMatchObject({
      type: "error",
      error: { type: "invalid_request_error", message: expect.stringContaining("max_tokens") },
    });
    expect(generateCalls()).toHaveLength(0);
    // Gemini 4 takes a million through long decode; an unknown model is never refused for size.
    expect((await chat({ model: "gemini-4-argon", max_tokens: 1_000_000 })).status).toBe(200);
    backend.emulator.reset();
    await chat({ model: "gemini-9.9-flash", max_tokens: 1_000_000 });
    expect(generateCalls()).toHaveLength(1);
  });
});
