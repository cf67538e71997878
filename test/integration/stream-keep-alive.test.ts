import Anthropic from "@anthropic-ai/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PASS, shardKeys, startTopology, type Topology } from "../support/topology.ts";

/**
 * Keep-alives while Gemini is silent mid-stream, without waiting 15 s: the backends'
 * STREAM_KEEPALIVE_S is 0.1 s and the emulator pauses 500 ms between chunks.
 */
let topology: Topology;
beforeAll(async () => {
  topology = await startTopology({
    shards: shardKeys([2]),
    emulator: { streamIntervalMs: 500, streamChunks: 3 },
    backendBindings: { STREAM_KEEPALIVE_S: "0.1" },
  });
}, 60_000);
afterAll(() => topology.close());

async function post(path: string, body: object): Promise<string> {
  const response = await fetch(`${topology.url}${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${PASS}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(200);
  return response.text();
}

const messages = [{ role: "user", content: "think about it for a while" }];
const count = (text: string, what: string) => text.split(what).length - 1;

describe("a started stream whose upstream is silent", () => {
  it("sends SSE comments on chat completions, and the SDK still reads every chunk", async () => {
    const text = await post("/v1/chat/completions", {
      model: "gemini-2.5-flash",
      messages,
      stream: true,
    });
    expect(count(text, ": keep-alive\n\n")).toBeGreaterThanOrEqual(2);
    expect(text.endsWith("data: [DONE]\n\n")).toBe(true);
    const stream = await topology.client.chat.completions.create({
      model: "gemini-2.5-flash",
      messages: [{ role: "user", content: "think about it for a while" }],
      stream: true,
    });
    let content = "";
    let finish: string | null = null;
    for await (const chunk of stream) {
      content += chunk.choices[0]?.delta.content ?? "";
      finish = chunk.choices[0]?.finish_reason ?? finish;
    }
    expect(content).toContain("think about it");
    expect(finish).toBe("stop");
  }, 30_000);

  it("sends SSE comments on Responses, and the SDK still reads every event", async () => {
    const text = await post("/v1/responses", {
      model: "gemini-2.5-flash",
      input: "wait",
      stream: true,
    });
    expect(count(text, ": keep-alive\n\n")).toBeGreaterThanOrEqual(2);
    const stream = await topology.client.responses.create({
      model: "gemini-2.5-flash",
      input: "wait for it",
      stream: true,
    });
    const types: string[] = [];
    for await (const event of stream) types.push(event.type);
    expect(types.at(-1)).toBe("response.completed");
  }, 30_000);

  it("sends Anthropic's ping events on messages, and the SDK still builds the message", async () => {
    const text = await post("/v1/messages", {
      model: "claude-sonnet-4-5",
      max_tokens: 256,
      messages,
      stream: true,
    });
    // One ping after the first content block (as Anthropic does), then one per silent interval.
    expect(count(text, "event: ping\n")).toBeGreaterThanOrEqual(3);
    expect(text).toContain("event: message_stop");
    const client = new Anthropic({ baseURL: topology.url, apiKey: PASS, maxRetries: 0 });
    const message = await client.messages
      .stream({
        model: "claude-sonnet-4-5",
        max_tokens: 256,
        messages: [{ role: "user", content: "think about it for a while" }],
      })
      .finalMessage();
    expect(message.stop_reason).toBe("end_turn");
  }, 30_000);
});
