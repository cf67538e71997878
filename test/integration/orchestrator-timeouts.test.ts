import OpenAI from "openai";
import { afterEach, describe, expect, it } from "vitest";
import { PASS, startTopology, type Topology } from "../support/topology.ts";

const open: Topology[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((topology) => topology.close()));
});

async function topologyWith(options: Parameters<typeof startTopology>[0]) {
  const topology = await startTopology(options);
  open.push(topology);
  return topology;
}

const chat = (url: string, stream: boolean) =>
  fetch(`${url}/v1/chat/completions`, {
    method: "POST",
    headers: { authorization: `Bearer ${PASS}`, "content-type": "application/json" },
    body: JSON.stringify({
      model: "gemini-2.5-flash",
      messages: [{ role: "user", content: "Hi" }],
      stream,
    }),
    signal: AbortSignal.timeout(15_000),
  });

/** A backend that accepts the request and never answers. */
const HANGING_BACKEND = `export default {
  async fetch() {
    await new Promise((resolve) => setTimeout(resolve, 60000));
    return new Response("too late");
  },
};`;

/** A backend that starts an SSE stream, sends one chunk, then dies. */
const DYING_BACKEND = `export default {
  async fetch(request) {
    const { readable, writable } = new TransformStream();
    const writer = writable.getWriter();
    const encoder = new TextEncoder();
    (async () => {
      await writer.write(encoder.encode('data: {"id":"x","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"Hel"}}]}\\n\\n'));
      await new Promise((resolve) => setTimeout(resolve, 100));
      await writer.abort(new Error("backend crashed"));
    })();
    return new Response(readable, {
      headers: { "content-type": "text/event-stream", "x-request-id": request.headers.get("x-request-id") ?? "" },
    });
  },
};`;

describe("BACKEND_TIMEOUT_S", () => {
  it("fails over from a backend that sends no response headers in time", async () => {
    const topology = await topologyWith({
      shards: [Array.from({ length: 8 }, (_, index) => `hang-${index}`), ["live-1"]],
      replace: { 0: { name: "hanging", script: HANGING_BACKEND } },
      orchestratorBindings: { BACKEND_TIMEOUT_S: "0.4" },
    });
    for (let round = 0; round < 4; round++) {
      const started = Date.now();
      const response = await chat(topology.url, round % 2 === 1);
      expect(response.status).toBe(200);
      await response.text();
      expect(Date.now() - started).toBeLessThan(3_000);
    }
    expect(topology.emulator.counts()["live-1"]).toBe(4);
  });
});

describe("a backend that dies mid-stream", () => {
  it("never looks like a clean end to the client: the stream breaks or ends with an error event", async () => {
    const topology = await topologyWith({
      shards: [["dying-1"]],
      replace: { 0: { name: "dying", script: DYING_BACKEND } },
    });
    const response = await chat(topology.url, true);
    expect(response.status).toBe(200);
    let text = "";
    let broken = false;
    try {
      text = await response.text();
    } catch {
      broken = true;
    }
    expect(text).not.toContain("[DONE]");
    if (!broken) {
      expect(text).toContain('data: {"id":"x"');
      expect(text).toMatch(
        /event: error\ndata: \{"type":"error","error":\{"message":".+","type":"api_error"/,
      );
    }
    // The official SDK reads it as an error, not as a short answer.
    const stream = await topology.client.chat.completions.create({
      model: "gemini-2.5-flash",
      messages: [{ role: "user", content: "Hi" }],
      stream: true,
    });
    const read = async () => {
      for await (const _chunk of stream);
    };
    await expect(read()).rejects.toBeInstanceOf(OpenAI.APIError);
  });
});
