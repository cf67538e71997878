import { afterEach, describe, expect, it, vi } from "vitest";
import {
  openPassThroughStream,
  type StreamFraming,
} from "../../../src/gemini/pass-through-stream.ts";
import { UpstreamError } from "../../../src/gemini/upstream-error.ts";

const KEY = { index: 1, value: "unit-test-key-0000000000000000000000" };
const TARGET = { baseUrl: "https://gemini.example", secrets: [KEY.value] };
const CALL = {
  kind: "model-method" as const,
  model: "gemini-2.5-flash" as never,
  method: "streamGenerateContent" as const,
  body: undefined,
  rawBody: "{}",
};
const encoder = new TextEncoder();

/** Gemini answering 200 with these chunks, then `end` (a clean end, or a broken connection). */
function upstream(chunks: string[], end: "close" | "break" = "close") {
  vi.stubGlobal(
    "fetch",
    vi.fn(async () => {
      let index = 0;
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          const chunk = chunks[index++];
          if (chunk !== undefined) return controller.enqueue(encoder.encode(chunk));
          if (end === "break") return controller.error(new TypeError("connection reset"));
          controller.close();
        },
      });
      return new Response(body, { headers: { "content-type": "text/event-stream" } });
    }),
  );
}

const open = (framing: StreamFraming) => openPassThroughStream(TARGET, KEY, CALL, framing);
const chunk = (text: string) =>
  JSON.stringify({ candidates: [{ content: { parts: [{ text }] } }] });
/** A chunk as Gemini ends an answer: with its finish reason. */
const last = (text: string) =>
  JSON.stringify({ candidates: [{ content: { parts: [{ text }] }, finishReason: "STOP" }] });

/** Everything the client received, and how the body ended (a clean end, or the error it broke with). */
async function received(response: Response): Promise<{ text: string; broke: boolean }> {
  const reader = response.body?.getReader();
  const decoder = new TextDecoder();
  let text = "";
  for (;;) {
    try {
      const { done, value } = (await reader?.read()) ?? { done: true, value: undefined };
      if (done) return { text, broke: false };
      text += decoder.decode(value, { stream: true });
    } catch {
      return { text, broke: true };
    }
  }
}
const events = (text: string) => text.split(/\r\n\r\n|\n\n/).filter((event) => event.trim() !== "");
const error = (code: number, message: string) => JSON.stringify({ error: { code, message } });

afterEach(() => vi.unstubAllGlobals());

describe("a passed-through stream", () => {
  it("replays the bytes read to find the first event, then passes the rest on", async () => {
    const sse = `data: ${chunk("a")}\r\n\r\ndata: ${last("b")}\r\n\r\n`;
    upstream([sse.slice(0, 7), sse.slice(7, 30), sse.slice(30)]);
    const response = await open("sse");
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(sse);
  });

  it("passes a finished JSON array on whole, its closing bracket included", async () => {
    const array = `[${chunk("a")}\n,\r\n${last("b")}\n]`;
    upstream([array.slice(0, 9), array.slice(9, 40), array.slice(40, -1), array.slice(-1)]);
    expect(await (await open("json-array")).text()).toBe(array);
  });

  it("passes a blocked prompt's one event on as a finished answer (blockReason, no candidates)", async () => {
    const blocked = `data: ${JSON.stringify({ promptFeedback: { blockReason: "SAFETY" } })}\r\n\r\n`;
    upstream([blocked]);
    expect(await received(await open("sse"))).toEqual({ text: blocked, broke: false });
  });

  it("ends an SSE stream Gemini closes without a finish reason with Gemini's error event and a comment", async () => {
    upstream([`data: ${chunk("a")}\r\n\r\n`, `data: ${chunk("b")}\r\n\r\n`]);
    const { text, broke } = await received(await open("sse"));
    expect(broke).toBe(false);
    expect(text).toBe(
      `data: ${chunk("a")}\r\n\r\ndata: ${chunk("b")}\r\n\r\n` +
        `data: ${JSON.stringify({
          error: {
            code: 502,
            message: "Gemini ended the stream without a finish reason: the answer is incomplete.",
            status: "UNAVAILABLE",
          },
        })}\r\n\r\n` +
        // Skipped by SSE readers; the legacy @google/generative-ai cannot read it and fails.
        ": the answer is incomplete\r\n\r\n",
    );
  });

  it("ends a JSON array that stops without a finish reason with an error element before its bracket", async () => {
    upstream(["[", chunk("a"), "\n]"]);
    const { text } = await received(await open("json-array"));
    const elements = JSON.parse(text) as object[];
    expect(elements).toHaveLength(2);
    expect(elements[1]).toEqual({
      error: {
        code: 502,
        message: "Gemini ended the stream without a finish reason: the answer is incomplete.",
        status: "UNAVAILABLE",
      },
    });
  });

  it("passes an error event Gemini sends mid-stream on as it is, then the comment", async () => {
    const failure = `data: ${error(500, "internal")}\r\n\r\n`;
    upstream([`data: ${chunk("a")}\r\n\r\n`, failure]);
    const { text } = await received(await open("sse"));
    expect(text).toBe(`data: ${chunk("a")}\r\n\r\n${failure}: the answer is incomplete\r\n\r\n`);
    // In a JSON array the error element and the closing bracket go on as they came.
    const array = `[${chunk("a")}\n,\r\n${error(500, "internal")}]`;
    upstream(["[", chunk("a"), `\n,\r\n${error(500, "internal")}`, "]"]);
    expect(await (await open("json-array")).text()).toBe(array);
  });

  it.each([
    ["sse", [`data: ${error(500, "internal")}\r\n\r\n`]],
    ["json-array", ["[", `${error(500, "internal")}`, "]"]],
  ] as const)(
    "turns an error as the first %s event into an UpstreamError another key may fix",
    async (framing, chunks) => {
      upstream([...chunks]);
      const failure = await open(framing).catch((caught: unknown) => caught);
      expect(failure).toBeInstanceOf(UpstreamError);
      expect((failure as UpstreamError).retry).toBe("other-key");
    },
  );

  it.each([["sse"], ["json-array"]] as const)(
    "fails over when a %s stream ends or breaks before its first event",
    async (framing) => {
      upstream([framing === "sse" ? "data: {" : '[{"cand'], "break");
      expect(await open(framing).catch((caught: unknown) => caught)).toBeInstanceOf(UpstreamError);
      upstream([]);
      expect(await open(framing).catch((caught: unknown) => caught)).toBeInstanceOf(UpstreamError);
    },
  );

  it("redacts a key from an error event after the first one", async () => {
    upstream([
      `data: ${chunk("a")}\r\n\r\n`,
      `data: ${error(403, `Consumer 'api_key:${KEY.value}' has been suspended.`)}\r\n\r\n`,
    ]);
    const { text } = await received(await open("sse"));
    expect(text).toContain("api_key:[redacted]");
    expect(text).not.toContain(KEY.value);
  });

  it("ends an SSE stream whose connection breaks mid-way with an error event and the comment", async () => {
    upstream([`data: ${chunk("a")}\r\n\r\n`], "break");
    const { text, broke } = await received(await open("sse"));
    expect(broke).toBe(false);
    const sent = events(text);
    expect(sent.at(-1)).toBe(": the answer is incomplete");
    expect(JSON.parse(sent.at(-2)?.slice("data: ".length) ?? "")).toMatchObject({
      error: { code: 502, status: "UNAVAILABLE", message: expect.stringContaining("cut") },
    });
    // Mid-event (never from Gemini itself): that event is ended first, so the error is one of its own.
    upstream([`data: ${chunk("a")}\r\n\r\n`, 'data: {"candi'], "break");
    const partial = await received(await open("sse"));
    expect(partial.text).toMatch(/data: \{"candi\r\n\r\ndata: \{"error":.*\}\r\n\r\n: the answer/);
  });

  it("closes cleanly when the connection breaks after the finished answer", async () => {
    upstream([`data: ${last("a")}\r\n\r\n`], "break");
    expect(await received(await open("sse"))).toEqual({
      text: `data: ${last("a")}\r\n\r\n`,
      broke: false,
    });
  });

  it("ends a JSON-array stream cut mid-way with an error element, or unparseable inside an element", async () => {
    upstream(["[", chunk("a")], "break");
    const elements = JSON.parse(await (await open("json-array")).text()) as object[];
    expect(elements[1]).toMatchObject({ error: { code: 502, status: "UNAVAILABLE" } });
    upstream(["[", chunk("a"), '\n,\r\n{"candi'], "break");
    const text = await (await open("json-array")).text();
    expect(() => JSON.parse(text)).toThrow();
  });
});
