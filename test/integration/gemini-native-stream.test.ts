import { ApiError, GoogleGenAI } from "@google/genai";
import { GoogleGenerativeAI, GoogleGenerativeAIError } from "@google/generative-ai";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { PASS, shardKeys, startTopology, type Topology } from "../support/topology.ts";

/**
 * The native surface's `:streamGenerateContent?alt=sse`, passed through as Gemini's bytes, read by
 * both of Google's SDKs: @google/genai, and the legacy @google/generative-ai (which LangChain's
 * Google package still uses). Keep-alives without waiting 15 s: STREAM_KEEPALIVE_S is 0.1 s and
 * the emulator pauses 500 ms between chunks.
 */
let topology: Topology;
let genai: GoogleGenAI;
let legacy: GoogleGenerativeAI;
beforeAll(async () => {
  topology = await startTopology({
    shards: shardKeys([2]),
    emulator: { streamIntervalMs: 500, streamChunks: 3 },
    backendBindings: { STREAM_KEEPALIVE_S: "0.1" },
  });
  genai = new GoogleGenAI({ apiKey: PASS, httpOptions: { baseUrl: topology.url } });
  legacy = new GoogleGenerativeAI(PASS);
}, 60_000);
afterAll(() => topology.close());
afterEach(() => topology.emulator.reset());

const MODEL = "gemini-2.5-flash";
const PROMPT = "one two three four five six";
const legacyModel = () =>
  legacy.getGenerativeModel({ model: MODEL }, { baseUrl: topology.url, timeout: 20_000 });

/** Every key of the topology streams this way (so whichever key the pool picks, it does). */
function everyKey(behavior: { kind: "cut-stream" | "end-stream"; afterChunks: number }) {
  for (const key of topology.shards.flat()) topology.emulator.setKeyBehavior(key, behavior);
}

describe("a native SSE stream whose upstream is silent", () => {
  it("begins the next event early (data: and spaces), which both SDKs read as Gemini's own", async () => {
    const response = await fetch(
      `${topology.url}/v1beta/models/${MODEL}:streamGenerateContent?alt=sse`,
      {
        method: "POST",
        headers: { "x-goog-api-key": PASS, "content-type": "application/json" },
        body: JSON.stringify({ contents: [{ role: "user", parts: [{ text: PROMPT }] }] }),
      },
    );
    const text = await response.text();
    // Each of the two 500 ms silences carries several keep-alives: `data: ` then one space each.
    const waits = [...text.matchAll(/data: ( +)\{/g)].map((match) => match[1]?.length ?? 0);
    expect(waits.length).toBeGreaterThanOrEqual(2);
    for (const spaces of waits) expect(spaces).toBeGreaterThanOrEqual(3);
    // No SSE comment: the legacy SDK stalls on anything but `data: ` at an event's start.
    expect(text).not.toMatch(/^:/m);

    let streamed = "";
    let finish: string | undefined;
    for await (const chunk of await genai.models.generateContentStream({
      model: MODEL,
      contents: PROMPT,
    })) {
      streamed += chunk.text ?? "";
      finish = chunk.candidates?.[0]?.finishReason ?? finish;
    }
    expect(streamed).toBe(`Echo: ${PROMPT}`);
    expect(finish).toBe("STOP");

    const result = await legacyModel().generateContentStream(PROMPT);
    let legacyStreamed = "";
    for await (const chunk of result.stream) legacyStreamed += chunk.text();
    expect(legacyStreamed).toBe(`Echo: ${PROMPT}`);
    expect((await result.response).candidates?.[0]?.finishReason).toBe("STOP");
  }, 30_000);
});

describe("a native SSE stream that stops without a finish reason", () => {
  for (const kind of ["end-stream", "cut-stream"] as const) {
    const how = kind === "end-stream" ? "closed early by Gemini" : "cut";
    it(`is an ApiError in @google/genai when ${how}, after the chunks that came`, async () => {
      everyKey({ kind, afterChunks: 1 });
      let streamed = "";
      const failure = await (async () => {
        for await (const chunk of await genai.models.generateContentStream({
          model: MODEL,
          contents: PROMPT,
        })) {
          streamed += chunk.text ?? "";
        }
      })().catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(ApiError);
      expect((failure as ApiError).status).toBe(502);
      expect((failure as ApiError).message).toContain("the answer is incomplete");
      expect(streamed).not.toBe("");
      expect(streamed).not.toBe(`Echo: ${PROMPT}`);
    }, 30_000);

    it(`is an error in the legacy @google/generative-ai when ${how}`, async () => {
      everyKey({ kind, afterChunks: 1 });
      const result = await legacyModel().generateContentStream(PROMPT);
      let streamed = "";
      const failure = await (async () => {
        for await (const chunk of result.stream) streamed += chunk.text();
      })().catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(GoogleGenerativeAIError);
      await expect(result.response).rejects.toBeInstanceOf(GoogleGenerativeAIError);
      expect(streamed).not.toBe("");
    }, 30_000);
  }

  it("is never a clean end for a JSON-array stream either: an error element closes it", async () => {
    everyKey({ kind: "end-stream", afterChunks: 1 });
    const response = await fetch(`${topology.url}/v1beta/models/${MODEL}:streamGenerateContent`, {
      method: "POST",
      headers: { "x-goog-api-key": PASS, "content-type": "application/json" },
      body: JSON.stringify({ contents: [{ role: "user", parts: [{ text: PROMPT }] }] }),
    });
    expect(response.status).toBe(200);
    const elements = (await response.json()) as object[];
    expect(elements).toHaveLength(2);
    expect(elements[0]).toHaveProperty("candidates");
    expect(elements[1]).toMatchObject({
      error: { code: 502, status: "UNAVAILABLE", message: expect.stringContaining("incomplete") },
    });
  }, 30_000);
});

/** A backend that starts a native SSE stream, sends one event, then dies. */
const DYING_BACKEND = `export default {
  async fetch(request) {
    const { readable, writable } = new TransformStream();
    const writer = writable.getWriter();
    (async () => {
      await writer.write(new TextEncoder().encode('data: {"candidates":[{"content":{"parts":[{"text":"Hel"}],"role":"model"},"index":0}]}\\r\\n\\r\\n'));
      await new Promise((resolve) => setTimeout(resolve, 100));
      await writer.abort(new Error("backend crashed"));
    })();
    return new Response(readable, {
      headers: { "content-type": "text/event-stream", "x-request-id": request.headers.get("x-request-id") ?? "" },
    });
  },
};`;

describe("a native SSE stream whose backend dies mid-way", () => {
  it("ends, through the orchestrator, in Gemini's error event that both SDKs throw on", async () => {
    const dying = await startTopology({
      shards: [["dying-1"]],
      replace: { 0: { name: "dying", script: DYING_BACKEND } },
    });
    try {
      const failure = await (async () => {
        const sdk = new GoogleGenAI({ apiKey: PASS, httpOptions: { baseUrl: dying.url } });
        for await (const _chunk of await sdk.models.generateContentStream({
          model: MODEL,
          contents: PROMPT,
        }));
      })().catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(ApiError);
      expect((failure as ApiError).message).toContain("the answer is incomplete");
      const result = await new GoogleGenerativeAI(PASS)
        .getGenerativeModel({ model: MODEL }, { baseUrl: dying.url, timeout: 20_000 })
        .generateContentStream(PROMPT);
      const legacyFailure = await (async () => {
        for await (const _chunk of result.stream);
      })().catch((error: unknown) => error);
      expect(legacyFailure).toBeInstanceOf(GoogleGenerativeAIError);
      await expect(result.response).rejects.toBeInstanceOf(GoogleGenerativeAIError);
    } finally {
      await dying.close();
    }
  }, 30_000);
});
