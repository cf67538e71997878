import { describe, expect, it } from "vitest";
import { SseKeepAlive } from "../../../src/gemini/sse-keep-alive.ts";

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const bytes = (text: string) => encoder.encode(text);
const text = (value: Uint8Array | null) => (value === null ? "" : decoder.decode(value));

/** The legacy @google/generative-ai's reader: `^data: (.*)(\n\n|\r\r|\r\n\r\n)`, from the start. */
function legacyRead(stream: string): unknown[] {
  const line = /^data: (.*)(?:\n\n|\r\r|\r\n\r\n)/;
  const read: unknown[] = [];
  let rest = stream;
  for (let match = rest.match(line); match; match = rest.match(line)) {
    read.push(JSON.parse(match[1] ?? ""));
    rest = rest.slice(match[0].length);
  }
  if (rest.trim() !== "") throw new Error(`Failed to parse stream at ${JSON.stringify(rest)}`);
  return read;
}

const first = `data: ${JSON.stringify({ n: 1 })}\r\n\r\n`;
const second = `data: ${JSON.stringify({ n: 2, finishReason: "STOP" })}\r\n\r\n`;

describe("SseKeepAlive", () => {
  it("begins the next event early and drops Gemini's own `data: ` when it comes", () => {
    const alive = new SseKeepAlive();
    let sent = text(alive.pass(bytes(first)));
    sent += text(alive.keepAlive());
    sent += text(alive.keepAlive());
    sent += text(alive.keepAlive());
    expect(sent).toBe(`${first}data:   `);
    sent += text(alive.pass(bytes(second)));
    expect(sent).toBe(`${first}data:   ${second.slice("data: ".length)}`);
    expect(legacyRead(sent)).toEqual([{ n: 1 }, { n: 2, finishReason: "STOP" }]);
    expect(alive.between).toBe(true);
  });

  it("reads the same for every split of Gemini's bytes, keep-alives between the reads", () => {
    const upstream = first + second;
    for (let cut = 1; cut < upstream.length; cut++) {
      const alive = new SseKeepAlive();
      let sent = text(alive.pass(bytes(upstream.slice(0, cut))));
      sent += text(alive.keepAlive());
      sent += text(alive.keepAlive());
      sent += text(alive.pass(bytes(upstream.slice(cut))));
      expect(legacyRead(sent), `cut at ${cut}`).toEqual([{ n: 1 }, { n: 2, finishReason: "STOP" }]);
    }
  });

  it("sends nothing in the middle of an event, nor before the first one has ended", () => {
    const alive = new SseKeepAlive();
    expect(alive.keepAlive()).toBeNull();
    alive.pass(bytes('data: {"n":'));
    expect(alive.keepAlive()).toBeNull();
    alive.pass(bytes("1}\r\n"));
    expect(alive.keepAlive()).toBeNull();
    alive.pass(bytes("\r\n"));
    expect(text(alive.keepAlive())).toBe("data: ");
  });

  it("knows the other delimiters both SDKs split on (\\n\\n, \\r\\r)", () => {
    for (const end of ["\n\n", "\r\r"]) {
      const alive = new SseKeepAlive();
      alive.pass(bytes(`data: {}${end}`));
      expect(text(alive.keepAlive())).toBe("data: ");
    }
  });

  it("takes Gemini's `data:` without a space, or split byte by byte", () => {
    const alive = new SseKeepAlive();
    alive.pass(bytes(first));
    alive.keepAlive();
    expect(text(alive.pass(bytes('data:{"n":2}\r\n\r\n')))).toBe('{"n":2}\r\n\r\n');
    alive.keepAlive();
    const pieces = ["d", "a", "t", "a", ":", " ", '{"n":3}\r\n\r\n'].map((piece) =>
      text(alive.pass(bytes(piece))),
    );
    expect(pieces).toEqual(["", "", "", "", "", "", '{"n":3}\r\n\r\n']);
  });

  it("closes a begun event with an empty object if what follows is not an event's data", () => {
    const alive = new SseKeepAlive();
    alive.pass(bytes(first));
    alive.keepAlive();
    alive.pass(bytes("da"));
    expect(text(alive.pass(bytes("x: y\n\n")))).toBe("{}\r\n\r\ndax: y\n\n");
  });
});
