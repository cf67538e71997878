import Anthropic from "@anthropic-ai/sdk";
import OpenAI from "openai";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { PASS, shardKeys, startTopology, type Topology } from "../support/topology.ts";

/**
 * A stream that stops without a finish reason after it started — Gemini's connection cut, or
 * Gemini closing it early — read by each surface's own SDK through the topology: never a short
 * answer that looks whole, always the SDK's error. (The native surface: gemini-native-stream.)
 */
let topology: Topology;
beforeAll(async () => {
  topology = await startTopology({ shards: shardKeys([2, 2]), emulator: { streamChunks: 4 } });
}, 60_000);
afterAll(() => topology.close());
afterEach(() => topology.emulator.reset());

const PROMPT = "a long enough prompt to be split into several chunks";

function everyKey(kind: "cut-stream" | "end-stream") {
  for (const key of topology.shards.flat()) {
    topology.emulator.setKeyBehavior(key, { kind, afterChunks: 2 });
  }
}

/** What the loop read before it failed, and the failure (undefined: it ended as a whole answer). */
async function drain<T>(stream: AsyncIterable<T>): Promise<{ read: T[]; failure: unknown }> {
  const read: T[] = [];
  try {
    for await (const item of stream) read.push(item);
    return { read, failure: undefined };
  } catch (failure) {
    return { read, failure };
  }
}

for (const kind of ["cut-stream", "end-stream"] as const) {
  const how = kind === "cut-stream" ? "cut" : "closed early without a finish reason";

  describe(`a stream Gemini ${how}`, () => {
    it("is an APIError in the openai SDK on chat completions, never a stop", async () => {
      everyKey(kind);
      const stream = await topology.client.chat.completions.create({
        model: "gemini-2.5-flash",
        messages: [{ role: "user", content: PROMPT }],
        stream: true,
      });
      const { read, failure } = await drain(stream);
      expect(failure).toBeInstanceOf(OpenAI.APIError);
      expect(read.length).toBeGreaterThan(0);
      expect(read.map((chunk) => chunk.choices[0]?.finish_reason ?? null)).not.toContain("stop");
    });

    it("is response.failed (never response.completed) in the openai SDK on Responses", async () => {
      everyKey(kind);
      const stream = await topology.client.responses.create({
        model: "gemini-2.5-flash",
        input: PROMPT,
        stream: true,
      });
      const { read, failure } = await drain(stream);
      const types = read.map((event) => event.type);
      // The Responses API's own end of a failed answer: `response.failed`, with its error.
      expect(failure).toBeUndefined();
      expect(types).not.toContain("response.completed");
      expect(types).toContain("response.output_text.delta");
      const last = read.at(-1);
      expect(last?.type).toBe("response.failed");
      if (last?.type === "response.failed") {
        expect(last.response.status).toBe("failed");
        expect(last.response.error?.message).toMatch(/finish reason|cut|incomplete/i);
      }
    });

    it("is an APIError in @anthropic-ai/sdk on messages, never a message_stop", async () => {
      everyKey(kind);
      const client = new Anthropic({ baseURL: topology.url, apiKey: PASS, maxRetries: 0 });
      const stream = await client.messages.create({
        model: "claude-sonnet-4-6",
        max_tokens: 256,
        messages: [{ role: "user", content: PROMPT }],
        stream: true,
      });
      const { read, failure } = await drain(stream);
      expect(failure).toBeInstanceOf(Anthropic.APIError);
      expect(read.map((event) => event.type)).not.toContain("message_stop");
      expect(read.map((event) => event.type)).toContain("content_block_delta");
      // The helper that builds the whole message rejects too.
      everyKey(kind);
      await expect(
        client.messages
          .stream({
            model: "claude-sonnet-4-6",
            max_tokens: 256,
            messages: [{ role: "user", content: PROMPT }],
          })
          .finalMessage(),
      ).rejects.toBeInstanceOf(Anthropic.APIError);
    });
  });
}
