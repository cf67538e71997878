import Anthropic from "@anthropic-ai/sdk";
import OpenAI from "openai";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { INVALID_TOKEN_MESSAGE, longAnswerText } from "../../emulator/behaviour/long-decode.ts";
import { PASS, shardKeys, startTopology, type Topology } from "../support/topology.ts";

/**
 * Long decode through the topology (orchestrator + backends in workerd, the emulator behind):
 * gemini-4-argon caps a call at 32,768 output tokens non-streamed and 65,536 streamed and ends it
 * with CONTINUATION; the clients below know nothing of that and must get one answer.
 */
let topology: Topology;
let openai: OpenAI;
let anthropic: Anthropic;

beforeAll(async () => {
  topology = await startTopology({ shards: shardKeys([2, 1]) });
  openai = new OpenAI({
    baseURL: `${topology.url}/v1`,
    apiKey: PASS,
    maxRetries: 0,
    timeout: 120_000,
  });
  anthropic = new Anthropic({
    baseURL: topology.url,
    apiKey: PASS,
    maxRetries: 0,
    timeout: 120_000,
  });
});
afterAll(() => topology.close());
afterEach(() => topology.emulator.reset());

const MODEL = "gemini-4-argon";
/** "emulate:long=N please": two prompt tokens in the emulator's one-token-per-word count. */
const PROMPT_TOKENS = 2;
const ask = (tokens: number) => `emulate:long=${tokens} please`;

/** The generate calls the emulator saw: key, whether they carried a token, the body without it. */
function generateCalls() {
  return topology.emulator
    .requests()
    .filter((request) => /:(stream)?generateContent/i.test(request.path))
    .map((request) => {
      const { continuationToken, ...rest } = request.body as Record<string, unknown>;
      return { key: request.key, token: continuationToken, rest };
    });
}

function expectOneKeyAndSameRequest(hops: number) {
  const calls = generateCalls();
  expect(calls).toHaveLength(hops);
  expect(new Set(calls.map((call) => call.key)).size).toBe(1);
  expect(calls[0]?.token).toBeUndefined();
  for (const call of calls.slice(1)) {
    expect(typeof call.token).toBe("string");
    expect(call.rest).toEqual(calls[0]?.rest);
  }
}

/**
 * Gemini 4 thinks by default (level MEDIUM, the model table): the emulator counts its thought
 * ("Thinking about: <prompt>", 4 tokens here) once, in the first call's usage.
 */
const THOUGHTS = 4;

describe("long decode: a 40,000-token Gemini 4 answer reaches the client as one answer", () => {
  it("openai SDK, not streamed: two calls (32,768 + 7,232) joined, usage summed", async () => {
    const completion = await openai.chat.completions.create({
      model: MODEL,
      max_tokens: 100_000,
      messages: [{ role: "user", content: ask(40_000) }],
    });
    expect(completion.choices).toHaveLength(1);
    expect(completion.choices[0]?.message.content).toBe(longAnswerText(0, 40_000));
    expect(completion.choices[0]?.finish_reason).toBe("stop");
    // Each call re-reads the prompt and the answer so far: 2 + (2 + 32,768).
    expect(completion.usage).toMatchObject({
      prompt_tokens: 2 * PROMPT_TOKENS + 32_768,
      completion_tokens: 40_000 + THOUGHTS,
      total_tokens: 2 * PROMPT_TOKENS + 32_768 + 40_000 + THOUGHTS,
    });
    expectOneKeyAndSameRequest(2);
  });

  it("openai SDK, streamed: one call (a stream hop holds 65,536) and one unbroken stream", async () => {
    const stream = await openai.chat.completions.create({
      model: MODEL,
      max_tokens: 100_000,
      stream: true,
      stream_options: { include_usage: true },
      messages: [{ role: "user", content: ask(40_000) }],
    });
    let content = "";
    const finishes: (string | null)[] = [];
    let usage: OpenAI.CompletionUsage | null | undefined;
    for await (const chunk of stream) {
      content += chunk.choices[0]?.delta.content ?? "";
      if (chunk.choices[0]?.finish_reason) finishes.push(chunk.choices[0].finish_reason);
      if (chunk.usage) usage = chunk.usage;
    }
    expect(content).toBe(longAnswerText(0, 40_000));
    expect(finishes).toEqual(["stop"]);
    expect(usage).toMatchObject({
      prompt_tokens: PROMPT_TOKENS,
      completion_tokens: 40_000 + THOUGHTS,
    });
    expectOneKeyAndSameRequest(1);
  });

  it("openai SDK, streamed past one hop (70,000 tokens): two calls, one stream, usage summed", async () => {
    const stream = await openai.chat.completions.create({
      model: MODEL,
      max_tokens: 100_000,
      stream: true,
      stream_options: { include_usage: true },
      messages: [{ role: "user", content: ask(70_000) }],
    });
    let content = "";
    const finishes: (string | null)[] = [];
    let usage: OpenAI.CompletionUsage | null | undefined;
    for await (const chunk of stream) {
      content += chunk.choices[0]?.delta.content ?? "";
      if (chunk.choices[0]?.finish_reason) finishes.push(chunk.choices[0].finish_reason);
      if (chunk.usage) usage = chunk.usage;
    }
    expect(content).toBe(longAnswerText(0, 70_000));
    expect(finishes).toEqual(["stop"]);
    expect(usage).toMatchObject({
      prompt_tokens: 2 * PROMPT_TOKENS + 65_536,
      completion_tokens: 70_000 + THOUGHTS,
    });
    expectOneKeyAndSameRequest(2);
  });

  it("stops where the client's max_tokens does (Gemini counts it over the whole answer)", async () => {
    const completion = await openai.chat.completions.create({
      model: MODEL,
      max_tokens: 35_000,
      messages: [{ role: "user", content: ask(40_000) }],
    });
    expect(completion.choices[0]?.message.content).toBe(longAnswerText(0, 35_000));
    expect(completion.choices[0]?.finish_reason).toBe("length");
    expect(completion.usage?.completion_tokens).toBe(35_000 + THOUGHTS);
    expectOneKeyAndSameRequest(2);
  });

  it("@anthropic-ai/sdk, not streamed: one message, end_turn, usage summed, the model that served", async () => {
    const message = await anthropic.messages.create({
      model: MODEL,
      max_tokens: 100_000,
      messages: [{ role: "user", content: ask(40_000) }],
    });
    expect(message.content).toEqual([{ type: "text", text: longAnswerText(0, 40_000) }]);
    expect(message.stop_reason).toBe("end_turn");
    expect(message.model).toBe(MODEL);
    expect(message.usage).toMatchObject({
      input_tokens: 2 * PROMPT_TOKENS + 32_768,
      output_tokens: 40_000 + THOUGHTS,
    });
    expectOneKeyAndSameRequest(2);
  });

  it("@anthropic-ai/sdk, streamed past one hop: finalMessage is one text block", async () => {
    const message = await anthropic.messages
      .stream({
        model: MODEL,
        max_tokens: 100_000,
        messages: [{ role: "user", content: ask(70_000) }],
      })
      .finalMessage();
    expect(message.content).toEqual([{ type: "text", text: longAnswerText(0, 70_000) }]);
    expect(message.stop_reason).toBe("end_turn");
    expect(message.usage.output_tokens).toBe(70_000 + THOUGHTS);
    expectOneKeyAndSameRequest(2);
  });

  it("Responses API, not streamed: one output_text, completed, usage summed", async () => {
    const response = await openai.responses.create({
      model: MODEL,
      max_output_tokens: 100_000,
      input: ask(40_000),
    });
    expect(response.output_text).toBe(longAnswerText(0, 40_000));
    expect(response.status).toBe("completed");
    expect(response.usage?.output_tokens).toBe(40_000 + THOUGHTS);
    expectOneKeyAndSameRequest(2);
  });
});

describe("the emulator's continuation tokens", () => {
  const [[keyA, keyB]] = shardKeys([2, 1]) as [string[]];
  const call = (key: string | undefined, body: Record<string, unknown>) =>
    fetch(`${topology.emulator.url}/v1beta/models/${MODEL}:generateContent`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-goog-api-key": key ?? "" },
      body: JSON.stringify(body),
    });
  const request = {
    contents: [{ role: "user", parts: [{ text: ask(40_000) }] }],
    generationConfig: { maxOutputTokens: 100_000 },
  };

  it("ends a long non-streamed call with CONTINUATION and a base64 token", async () => {
    const answer = await (await call(keyA, request)).json();
    expect(answer.candidates[0].finishReason).toBe("CONTINUATION");
    expect(answer.candidates[0].continuationToken).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(answer.usageMetadata.candidatesTokenCount).toBe(32_768);
  });

  it("refuses a token used with another project's key, a changed request, or bytes that are no token", async () => {
    const answer = await (await call(keyA, request)).json();
    const token = answer.candidates[0].continuationToken as string;
    const refusals = [
      await call(keyB, { ...request, continuationToken: token }),
      await call(keyA, {
        ...request,
        generationConfig: { maxOutputTokens: 90_000 },
        continuationToken: token,
      }),
      await call(keyA, { ...request, continuationToken: "bm90IGEgdG9rZW4=" }),
    ];
    for (const refusal of refusals) {
      expect(refusal.status).toBe(400);
      expect(await refusal.json()).toEqual({
        error: { code: 400, message: INVALID_TOKEN_MESSAGE, status: "INVALID_ARGUMENT" },
      });
    }
    const accepted = await call(keyA, { ...request, continuationToken: token });
    expect(accepted.status).toBe(200);
  });

  it("passes CONTINUATION through the native Gemini API untouched", async () => {
    const response = await fetch(`${topology.url}/v1beta/models/${MODEL}:generateContent`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-goog-api-key": PASS },
      body: JSON.stringify(request),
    });
    const answer = await response.json();
    expect(answer.candidates[0].finishReason).toBe("CONTINUATION");
    expect(answer.candidates[0].continuationToken).toBeTypeOf("string");
    expect(generateCalls()).toHaveLength(1);
  });
});
