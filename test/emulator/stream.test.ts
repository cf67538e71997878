import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Emulator, startEmulator } from "../../emulator/server.ts";
import { call, KEY, sseEvents, userText } from "./call-emulator.ts";

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ keys: [KEY], streamChunks: 3 });
});
afterAll(() => emulator.close());

// biome-ignore lint/suspicious/noExplicitAny: Gemini's response shape, read by tests
type Chunk = any;
const PATH = "/v1beta/models/gemini-2.5-flash-lite:streamGenerateContent";

describe("streamGenerateContent", () => {
  it("sends SSE events separated by \\r\\n\\r\\n, without [DONE]", async () => {
    const answer = await call(emulator, `${PATH}?alt=sse`, { body: userText("a b c d e f") });
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toBe("text/event-stream");
    expect(answer.text.startsWith("data: {")).toBe(true);
    expect(answer.text.endsWith("}\r\n\r\n")).toBe(true);
    expect(answer.text).not.toContain("[DONE]");
  });

  it("splits the text into streamChunks pieces and finishes in a separate last chunk with usage", async () => {
    const answer = await call(emulator, `${PATH}?alt=sse`, { body: userText("a b c d e f") });
    const events = sseEvents(answer.text) as Chunk[];
    expect(events).toHaveLength(4);
    const texts = events.slice(0, 3).map((event) => event.candidates[0].content.parts[0].text);
    expect(texts.join("")).toBe("Echo: a b c d e f");
    for (const event of events.slice(0, 3)) {
      expect(event.candidates[0].finishReason).toBeUndefined();
      expect(event.usageMetadata).toBeUndefined();
    }
    const last = events[3];
    expect(last.candidates[0].finishReason).toBe("STOP");
    expect(last.usageMetadata.totalTokenCount).toBeGreaterThan(0);
    expect(new Set(events.map((event) => event.responseId)).size).toBe(1);
    expect(events.every((event) => event.modelVersion === "gemini-2.5-flash-lite")).toBe(true);
  });

  it("sends function calls together in one chunk before the finish chunk", async () => {
    const answer = await call(emulator, `${PATH}?alt=sse`, {
      body: {
        ...userText("call a and b"),
        tools: [{ functionDeclarations: [{ name: "a" }, { name: "b" }] }],
      },
    });
    const events = sseEvents(answer.text) as Chunk[];
    expect(events).toHaveLength(2);
    const names = events[0].candidates[0].content.parts.map(
      (part: Chunk) => part.functionCall.name,
    );
    expect(names).toEqual(["a", "b"]);
    expect(events[1].candidates[0].finishReason).toBe("STOP");
  });

  it("answers one JSON array without alt=sse", async () => {
    const answer = await call(emulator, PATH, { body: userText("a b c") });
    expect(answer.headers.get("content-type")).toContain("application/json");
    expect(Array.isArray(answer.json)).toBe(true);
    expect(answer.json.at(-1).candidates[0].finishReason).toBe("STOP");
  });

  it("pauses streamIntervalMs between chunks", async () => {
    emulator.setOptions({ streamIntervalMs: 60 });
    const started = Date.now();
    await call(emulator, `${PATH}?alt=sse`, { body: userText("a b c d e f") });
    emulator.setOptions({ streamIntervalMs: 0 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(170);
  });

  it("answers a blocked prompt with a single promptFeedback chunk", async () => {
    const answer = await call(emulator, `${PATH}?alt=sse`, { body: userText("BLOCKME") });
    const events = sseEvents(answer.text) as Chunk[];
    expect(events).toHaveLength(1);
    expect(events[0].promptFeedback.blockReason).toBe("SAFETY");
    expect(events[0].candidates).toBeUndefined();
  });
});
