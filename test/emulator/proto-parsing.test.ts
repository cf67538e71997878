import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Emulator, startEmulator } from "../../emulator/server.ts";
import { createCache, generate, KEY, userText } from "./call-emulator.ts";

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ keys: [KEY] });
});
afterAll(() => emulator.close());

const flash = (body: unknown) => generate(emulator, "gemini-2.5-flash-lite", body);
const three = (body: unknown) => generate(emulator, "gemini-3-flash-preview", body);

describe("parsing by Google's definitions", () => {
  it("takes lower-case enum names, not mixed case", async () => {
    const tools = [{ functionDeclarations: [{ name: "f" }] }];
    const lower = await flash({
      ...userText("hi"),
      tools,
      toolConfig: { functionCallingConfig: { mode: "any" } },
    });
    expect(lower.status).toBe(200);
    const mixed = await flash({
      ...userText("hi"),
      tools,
      toolConfig: { functionCallingConfig: { mode: "Any" } },
    });
    expect(mixed.json.error.message).toBe(
      `Invalid value at 'tool_config.function_calling_config.mode' (type.googleapis.com/google.ai.generativelanguage.v1beta.FunctionCallingConfig.Mode), "Any"`,
    );
  });

  it("refuses Vertex-only fields of the SDK types as unknown names", async () => {
    const retrieval = await flash({ ...userText("hi"), tools: [{ retrieval: {} }] });
    expect(retrieval.json.error.message).toBe(
      `Invalid JSON payload received. Unknown name "retrieval" at 'tools[0]': Cannot find field.`,
    );
    const excluded = await flash({
      ...userText("hi"),
      tools: [{ googleSearch: { excludeDomains: ["a.com"] } }],
    });
    expect(excluded.json.error.message).toContain(
      `Unknown name "excludeDomains" at 'tools[0].google_search'`,
    );
  });

  it("takes the newer fields merged from @google/genai", async () => {
    const answer = await three({
      contents: [
        {
          role: "user",
          parts: [{ text: "look", mediaResolution: { level: "MEDIA_RESOLUTION_ULTRA_HIGH" } }],
        },
        {
          role: "model",
          parts: [
            { toolCall: { id: "t1", toolType: "GOOGLE_SEARCH_WEB", args: { queries: ["x"] } } },
            { toolResponse: { id: "t1", toolType: "GOOGLE_SEARCH_WEB", response: { ok: true } } },
            { text: "found" },
          ],
        },
        { role: "user", parts: [{ text: "thanks" }] },
      ],
      tools: [{ googleSearch: { searchTypes: { webSearch: {} } } }],
      toolConfig: { includeServerSideToolInvocations: true },
      generationConfig: { thinkingConfig: { thinkingLevel: "low" } },
    });
    expect(answer.status).toBe(200);
    const image = await generate(emulator, "gemini-3-pro-image", {
      ...userText("draw"),
      generationConfig: { imageConfig: { aspectRatio: "16:9", imageSize: "2K" } },
    });
    expect(image.status).toBe(200);
  });

  it("finds a field by its proto name or its json_name only", async () => {
    for (const name of ["responseJsonSchema", "response_json_schema", "_responseJsonSchema"]) {
      const answer = await flash({
        ...userText("hi"),
        generationConfig: { responseMimeType: "application/json", [name]: { type: "string" } },
      });
      expect(answer.status, name).toBe(200);
      expect(answer.json.candidates[0].content.parts[0].text).toBe('"echo"');
    }
    const ordered = await flash({
      ...userText("hi"),
      generationConfig: { responseJsonSchemaOrdered: { type: "string" } },
    });
    expect(ordered.json.error.message).toContain(`Unknown name "responseJsonSchemaOrdered"`);
  });

  it("checks Timestamps in google.type.Interval", async () => {
    const filter = (startTime: string) => ({
      ...userText("news"),
      tools: [
        { googleSearch: { timeRangeFilter: { startTime, endTime: "2025-02-01T00:00:00Z" } } },
      ],
    });
    expect((await flash(filter("2025-01-01T00:00:00Z"))).status).toBe(200);
    const bad = await flash(filter("yesterday"));
    expect(bad.json.error.message).toBe(
      `Invalid value at 'tools[0].google_search.time_range_filter.start_time' (type.googleapis.com/google.protobuf.Timestamp), "yesterday"`,
    );
  });

  it("refuses cachedContent with systemInstruction, tools or toolConfig", async () => {
    for (const extra of [
      { systemInstruction: { parts: [{ text: "s" }] } },
      { tools: [{ functionDeclarations: [{ name: "f" }] }] },
      { toolConfig: { functionCallingConfig: { mode: "AUTO" } } },
    ]) {
      const answer = await flash({
        ...userText("hi"),
        cachedContent: "cachedContents/abc",
        ...extra,
      });
      expect(answer.status).toBe(400);
      expect(answer.json.error.message).toMatch(
        /^CachedContent can not be used with GenerateContent request setting system_instruction, tools or tool_config\./,
      );
    }
    const cache = await createCache(emulator, 1100);
    expect((await flash({ ...userText("hi"), cachedContent: cache.json.name })).status).toBe(200);
  });
});
