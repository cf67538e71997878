import { describe, expect, it } from "vitest";
import { SecretRedactor } from "../../../src/gemini/secret-redactor.ts";

const KEY = "example-key-value-0123456789abcdefgh";
const OTHER = "second-key-value-42";
const encoder = new TextEncoder();
const decoder = new TextDecoder();

function run(chunks: string[], secrets = [KEY, OTHER]): string[] {
  const redactor = new SecretRedactor(secrets);
  const out = chunks.map((chunk) => decoder.decode(redactor.push(encoder.encode(chunk))));
  out.push(decoder.decode(redactor.flush()));
  return out;
}

const STREAM = `data: {"candidates":[{"content":{"parts":[{"text":"héllo"}]}}]}\r\n\r\ndata: {"error":{"code":403,"message":"Consumer 'api_key:${KEY}' and ${OTHER} suspended","status":"PERMISSION_DENIED"}}\r\n\r\n`;
const REDACTED = STREAM.replace(KEY, "[redacted]").replace(OTHER, "[redacted]");

describe("redacting keys from a passed-through stream", () => {
  it("redacts a key however the stream is cut, a multi-byte character included", () => {
    const bytes = encoder.encode(STREAM);
    for (let cut = 0; cut <= bytes.length; cut++) {
      const redactor = new SecretRedactor([KEY, OTHER]);
      const parts = [redactor.push(bytes.slice(0, cut)), redactor.push(bytes.slice(cut))];
      parts.push(redactor.flush());
      const text = parts.map((part) => decoder.decode(part, { stream: true })).join("");
      expect(text, `cut at byte ${cut}`).toBe(REDACTED);
    }
  });

  it("holds nothing back at the end of an event, so streaming is not delayed", () => {
    const events = STREAM.split(/(?<=\r\n\r\n)/);
    const out = run(events);
    expect(out[0]).toBe(events[0]);
    expect(out.at(-1)).toBe("");
  });

  it("holds back only an end that could start a key, and releases it when it does not", () => {
    expect(run(['{"text":"exam', 'ple is not a key"}'])).toEqual([
      '{"text":"',
      'example is not a key"}',
      "",
    ]);
  });

  it("passes bytes through untouched when there are no keys", () => {
    const redactor = new SecretRedactor([]);
    const chunk = encoder.encode(STREAM);
    expect(redactor.push(chunk)).toBe(chunk);
  });
});
