import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FINISH_REASONS } from "../../emulator/behaviour/finish-reasons.ts";
import { type Emulator, startEmulator } from "../../emulator/server.ts";
import { call, generate, KEY, sseEvents, userText } from "./call-emulator.ts";

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ keys: [KEY] });
});
afterAll(() => emulator.close());

const flash = (body: unknown) => generate(emulator, "gemini-2.5-flash-lite", body);
const stream = (model: string, body: unknown) =>
  call(emulator, `/v1beta/models/${model}:streamGenerateContent?alt=sse`, { body });
const LOOKUP = { functionDeclarations: [{ name: "lookup", description: "Looks up." }] };

describe("finish reasons on request (emulate:finish=REASON)", () => {
  it("answers every finish reason of the API, with the content and finishMessage it comes with", async () => {
    const reasons = [
      "STOP",
      "MAX_TOKENS",
      "SAFETY",
      "RECITATION",
      "LANGUAGE",
      "OTHER",
      "BLOCKLIST",
      "PROHIBITED_CONTENT",
      "SPII",
      "MALFORMED_FUNCTION_CALL",
      "IMAGE_SAFETY",
      "UNEXPECTED_TOOL_CALL",
      "TOO_MANY_TOOL_CALLS",
      "MISSING_THOUGHT_SIGNATURE",
      "MALFORMED_RESPONSE",
    ];
    for (const reason of reasons) {
      expect(Object.keys(FINISH_REASONS)).toContain(reason);
      const answer = await flash({
        ...userText(`one two three four emulate:finish=${reason}`),
        tools: [LOOKUP],
      });
      expect(answer.status, reason).toBe(200);
      const candidate = answer.json.candidates[0];
      expect(candidate.finishReason).toBe(reason);
      expect(answer.json.modelVersion).toBe("gemini-2.5-flash-lite");
      const text = candidate.content?.parts?.map((part: { text?: string }) => part.text).join("");
      if (reason === "STOP") expect(text).toBe("Echo: one two three four emulate:finish=STOP");
      if (reason === "MAX_TOKENS" || reason === "RECITATION") expect(text).toBe("Echo: one two");
      if (["SAFETY", "SPII", "PROHIBITED_CONTENT", "BLOCKLIST", "OTHER"].includes(reason)) {
        expect(candidate.content, reason).toBeUndefined();
      }
    }
  });

  it("says what went wrong in finishMessage for the malformed-call family", async () => {
    const malformed = await flash({
      ...userText("emulate:finish=MALFORMED_FUNCTION_CALL"),
      tools: [LOOKUP],
    });
    expect(malformed.json.candidates[0]).toMatchObject({
      content: {},
      finishReason: "MALFORMED_FUNCTION_CALL",
      finishMessage: expect.stringMatching(/^Malformed function call: print\(default_api\.lookup/),
    });
    const unexpected = await flash({ ...userText("emulate:finish=UNEXPECTED_TOOL_CALL") });
    expect(unexpected.json.candidates[0].finishMessage).toBe(
      "Unexpected tool call: Model tried to call an undeclared function: lookup",
    );
    const safety = await flash(userText("emulate:finish=SAFETY"));
    expect(safety.json.candidates[0].safetyRatings).toContainEqual(
      expect.objectContaining({ blocked: true }),
    );
    const recitation = await flash(userText("a b c d emulate:finish=RECITATION"));
    expect(recitation.json.candidates[0].citationMetadata.citationSources).toHaveLength(1);
  });

  it("streams a contentless finish as one last chunk without content", async () => {
    const answer = await stream(
      "gemini-2.5-flash-lite",
      userText("emulate:finish=PROHIBITED_CONTENT"),
    );
    const events = sseEvents(answer.text) as Array<{ candidates: Array<Record<string, unknown>> }>;
    expect(events).toHaveLength(1);
    expect(events[0]?.candidates[0]).toEqual({ finishReason: "PROHIBITED_CONTENT", index: 0 });
  });

  it("blocks the prompt with any block reason (emulate:block=REASON)", async () => {
    const answer = await flash(userText("emulate:block=PROHIBITED_CONTENT"));
    expect(answer.json.candidates).toBeUndefined();
    expect(answer.json.promptFeedback).toEqual({ blockReason: "PROHIBITED_CONTENT" });
    expect((await flash(userText("emulate:finish=NOPE"))).status).toBe(400);
  });
});

describe("image models", () => {
  it("answer text and an inlineData image part, streamed as its own chunk", async () => {
    for (const model of ["gemini-2.5-flash-image", "gemini-3-pro-image"]) {
      const answer = await generate(emulator, model, userText("draw a cat"));
      const parts = answer.json.candidates[0].content.parts;
      expect(parts).toContainEqual({ text: "Echo: draw a cat" });
      const image = parts.find((part: { inlineData?: unknown }) => part.inlineData).inlineData;
      expect(image.mimeType).toBe("image/png");
      expect(Buffer.from(image.data, "base64").subarray(1, 4).toString()).toBe("PNG");
      expect(answer.json.modelVersion).toBe(model);
    }
    const streamed = await stream("gemini-2.5-flash-image", userText("draw"));
    const chunks = sseEvents(streamed.text) as Array<{
      candidates: Array<{ content?: { parts: Array<Record<string, unknown>> } }>;
    }>;
    expect(chunks.some((chunk) => chunk.candidates[0]?.content?.parts[0]?.inlineData)).toBe(true);
  });

  it("answer text only with responseModalities [TEXT]; other models refuse IMAGE", async () => {
    const textOnly = await generate(emulator, "gemini-2.5-flash-image", {
      ...userText("draw"),
      generationConfig: { responseModalities: ["TEXT"] },
    });
    expect(textOnly.json.candidates[0].content.parts).toEqual([{ text: "Echo: draw" }]);
    const refused = await flash({
      ...userText("draw"),
      generationConfig: { responseModalities: ["TEXT", "IMAGE"] },
    });
    expect(refused.status).toBe(400);
    expect(refused.json.error.message).toBe(
      "Model does not support the requested response modalities: image,text",
    );
  });
});

describe("tools that run on Google's side", () => {
  it("grounds answers with Google Search: web chunks, supports and queries", async () => {
    const answer = await flash({ ...userText("who won"), tools: [{ googleSearch: {} }] });
    const grounding = answer.json.candidates[0].groundingMetadata;
    expect(grounding.webSearchQueries).toEqual(["who won"]);
    expect(grounding.groundingChunks[0].web).toEqual({
      uri: "https://example.com/echo",
      title: "example.com",
    });
    const text = answer.json.candidates[0].content.parts[0].text;
    for (const support of grounding.groundingSupports) {
      expect(text.startsWith(support.segment.text)).toBe(true);
      expect(support.segment.endIndex).toBe(Buffer.byteLength(support.segment.text));
      expect(support.groundingChunkIndices.length).toBeGreaterThan(0);
    }
  });

  it("runs code with codeExecution: executableCode then codeExecutionResult, OUTCOME_FAILED on request", async () => {
    const ok = await flash({ ...userText("count"), tools: [{ codeExecution: {} }] });
    const parts = ok.json.candidates[0].content.parts;
    expect(parts[0]).toEqual({
      executableCode: { language: "PYTHON", code: 'print(len("count"))' },
    });
    expect(parts[1]).toEqual({ codeExecutionResult: { outcome: "OUTCOME_OK", output: "5\n" } });
    expect(parts[2]).toEqual({ text: "Echo: count" });
    const failed = await flash({
      ...userText("count emulate:code-fails"),
      tools: [{ codeExecution: {} }],
    });
    const result = failed.json.candidates[0].content.parts[1].codeExecutionResult;
    expect(result.outcome).toBe("OUTCOME_FAILED");
    expect(result.output).toContain("ZeroDivisionError");
  });
});

describe("logprobs, candidates and function choice", () => {
  it("answers logprobsResult and avgLogprobs when responseLogprobs is on", async () => {
    const answer = await flash({
      ...userText("a b"),
      generationConfig: { responseLogprobs: true, logprobs: 3 },
    });
    const candidate = answer.json.candidates[0];
    const { chosenCandidates, topCandidates } = candidate.logprobsResult;
    expect(chosenCandidates.map((item: { token: string }) => item.token).join("")).toBe(
      "Echo: a b",
    );
    expect(topCandidates).toHaveLength(chosenCandidates.length);
    for (const [index, top] of topCandidates.entries()) {
      expect(top.candidates).toHaveLength(3);
      expect(top.candidates[0]).toEqual(chosenCandidates[index]);
    }
    const sum = chosenCandidates.reduce(
      (total: number, item: { logProbability: number }) => total + item.logProbability,
      0,
    );
    expect(candidate.avgLogprobs).toBeCloseTo(sum / chosenCandidates.length, 5);
    const off = await flash(userText("a b"));
    expect(off.json.candidates[0].logprobsResult).toBeUndefined();
  });

  it("answers candidateCount candidates, each indexed", async () => {
    const answer = await flash({ ...userText("hi"), generationConfig: { candidateCount: 3 } });
    expect(answer.json.candidates.map((candidate: { index: number }) => candidate.index)).toEqual([
      0, 1, 2,
    ]);
  });

  it("calls only allowedFunctionNames in mode ANY", async () => {
    const answer = await flash({
      ...userText("call alpha"),
      tools: [{ functionDeclarations: [{ name: "alpha" }, { name: "beta" }] }],
      toolConfig: { functionCallingConfig: { mode: "ANY", allowedFunctionNames: ["beta"] } },
    });
    expect(answer.json.candidates[0].content.parts[0].functionCall.name).toBe("beta");
  });

  it("answers as the model a -latest alias points to", async () => {
    const answer = await generate(emulator, "gemini-flash-latest", userText("hi"));
    expect(answer.json.modelVersion).toBe("gemini-3.8-flash");
  });
});

describe("JSON answers", () => {
  const ajv = new Ajv2020({ strict: false });
  addFormats(ajv);
  const schemas: Record<string, object> = {
    tuple: { type: "array", prefixItems: [{ type: "string" }, { type: "integer" }], minItems: 2 },
    record: {
      type: "object",
      additionalProperties: { type: "number" },
      minProperties: 1,
    },
    recursive: {
      $defs: {
        node: {
          type: "object",
          properties: { name: { type: "string", minLength: 6 }, next: { $ref: "#/$defs/node" } },
          required: ["name"],
        },
      },
      $ref: "#/$defs/node",
    },
    bounded: {
      type: "object",
      properties: {
        count: { type: "integer", exclusiveMinimum: 3 },
        when: { type: "string", format: "date-time" },
        mail: { type: "string", format: "email" },
        kind: { type: "integer", enum: [2, 4] },
        nullable: { type: ["null", "boolean"] },
        choice: { anyOf: [{ type: "null" }, { const: "x" }] },
      },
      required: ["count", "when", "mail", "kind", "nullable", "choice"],
    },
  };
  for (const [name, schema] of Object.entries(schemas)) {
    it(`satisfies a ${name} responseJsonSchema`, async () => {
      const answer = await flash({
        ...userText("hi"),
        generationConfig: { responseMimeType: "application/json", responseJsonSchema: schema },
      });
      const value = JSON.parse(answer.json.candidates[0].content.parts[0].text);
      expect(ajv.validate(schema, value), JSON.stringify(ajv.errors)).toBe(true);
    });
  }
});

describe("truncated embeddings", () => {
  it("are the leading values of the full unit vector, not renormalized", async () => {
    const embed = (outputDimensionality?: number) =>
      call(emulator, "/v1beta/models/gemini-embedding-001:embedContent", {
        body: { content: { parts: [{ text: "hi" }] }, outputDimensionality },
      });
    const full: number[] = (await embed()).json.embedding.values;
    const small: number[] = (await embed(768)).json.embedding.values;
    expect(Math.hypot(...full)).toBeCloseTo(1, 6);
    expect(small).toEqual(full.slice(0, 768));
    expect(Math.hypot(...small)).toBeLessThan(0.9);
  });
});
