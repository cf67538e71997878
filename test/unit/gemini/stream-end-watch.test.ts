import { describe, expect, it } from "vitest";
import { StreamEndWatch } from "../../../src/gemini/stream-end-watch.ts";

const bytes = (text: string) => new TextEncoder().encode(text);

describe("StreamEndWatch", () => {
  it("finds a finish reason split over two chunks, and a block reason", () => {
    const watch = new StreamEndWatch();
    watch.push(bytes('data: {"candidates":[{"content":{},"finishRea'));
    expect(watch.finished).toBe(false);
    watch.push(bytes('son":"STOP"}]}\r\n\r\n'));
    expect(watch.finished).toBe(true);
    const blocked = new StreamEndWatch();
    blocked.push(bytes('data: {"promptFeedback":{"blockReason":"SAFETY"}}\r\n\r\n'));
    expect(blocked.ended).toBe(true);
  });

  it("never takes the names inside the model's text (escaped quotes) for keys", () => {
    const watch = new StreamEndWatch();
    watch.push(bytes(JSON.stringify({ text: 'say "finishReason": "STOP" and "error": 1' })));
    expect(watch.finished).toBe(false);
    expect(watch.failed).toBe(false);
  });

  it("sees an error object, and the finish of a long stream's last event", () => {
    const watch = new StreamEndWatch();
    for (let index = 0; index < 2_000; index++) watch.push(bytes(`data: {"n":${index}}\r\n\r\n`));
    expect(watch.ended).toBe(false);
    watch.push(bytes('data: {"error": {"code": 500}}\r\n\r\n'));
    expect(watch.failed).toBe(true);
    expect(watch.finished).toBe(false);
  });
});
