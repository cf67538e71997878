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
const error = (code: number, message: string) => JSON.stringify({ error: { code, message } });

afterEach(() => vi.unstubAllGlobals());

describe("a passed-through stream", () => {
  it("replays the bytes read to find the first event, then passes the rest on", async () => {
    const sse = `data: ${chunk("a")}\r\n\r\ndata: ${chunk("b")}\r\n\r\n`;
    upstream([sse.slice(0, 7), sse.slice(7, 30), sse.slice(30)]);
    const response = await open("sse");
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(sse);
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
    const text = await (await open("sse")).text();
    expect(text).toContain("api_key:[redacted]");
    expect(text).not.toContain(KEY.value);
  });

  it("ends an SSE stream whose connection breaks mid-way with an error event", async () => {
    upstream([`data: ${chunk("a")}\r\n\r\n`], "break");
    const text = await (await open("sse")).text();
    const last =
      text
        .trim()
        .split(/\r?\n\r?\n/)
        .at(-1) ?? "";
    expect(JSON.parse(last.slice("data: ".length))).toMatchObject({
      error: { code: 502, status: "UNAVAILABLE" },
    });
  });

  it("breaks a JSON-array stream whose connection breaks mid-way (never a clean end)", async () => {
    upstream(["[", chunk("a")], "break");
    const response = await open("json-array");
    await expect(response.text()).rejects.toThrow();
  });
});
