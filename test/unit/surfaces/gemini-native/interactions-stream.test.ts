import { describe, expect, it } from "vitest";
import { readTag } from "../../../../common/resource-tag.ts";
import { tagInteractionsStream } from "../../../../src/surfaces/gemini-native/interactions-stream.ts";

const PRINT = "a1b2c3d4";
const UPSTREAM = [
  'event: interaction.created\ndata: {"interaction":{"id":"v1_Zürich","status":"in_progress"},"event_type":"interaction.created","event_id":"e1"}\n\n',
  'event: interaction.status_update\ndata: {"interaction_id":"v1_Zürich","status":"in_progress","event_type":"interaction.status_update","event_id":"e2"}\n\n',
  'event: step.delta\ndata: {"index":0,"delta":{"type":"text","text":"Привет"},"event_type":"step.delta","event_id":"e3"}\n\n',
  'event: interaction.completed\ndata: {"interaction":{"id":"v1_Zürich","status":"completed"},"event_type":"interaction.completed","event_id":"e4"}\n\n',
  "data: [DONE]\n\n",
].join("");

async function run(chunks: Uint8Array[]): Promise<string> {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      controller.close();
    },
  });
  return new Response(tagInteractionsStream(body, PRINT)).text();
}

const events = (text: string) =>
  text
    .split("\n\n")
    .filter((block) => block.startsWith("event: "))
    .map((block) => JSON.parse(block.split("\n")[1]?.slice(6) ?? "null"));

describe("an Interactions stream passed through", () => {
  it("tags the interaction's id in every lifecycle event and keeps the rest as Google sent it", async () => {
    const text = await run([new TextEncoder().encode(UPSTREAM)]);
    const [created, update, delta, completed] = events(text);
    expect(readTag(created.interaction.id)).toEqual({ id: "v1_Zürich", print: PRINT });
    expect(readTag(update.interaction_id)?.id).toBe("v1_Zürich");
    expect(delta).toEqual({
      index: 0,
      delta: { type: "text", text: "Привет" },
      event_type: "step.delta",
      event_id: "e3",
    });
    expect(completed.interaction.id).toBe(created.interaction.id);
    expect(text.startsWith("event: interaction.created\ndata: ")).toBe(true);
    expect(text.endsWith("data: [DONE]\n\n")).toBe(true);
  });

  it("answers the same whatever byte offset the upstream chunks split at", async () => {
    const bytes = new TextEncoder().encode(UPSTREAM);
    const whole = await run([bytes]);
    for (let at = 1; at < bytes.length; at++) {
      expect(await run([bytes.slice(0, at), bytes.slice(at)])).toBe(whole);
    }
  });

  it("turns a google.rpc error (a connection cut mid-stream) into the Interactions error event", async () => {
    const cut =
      '\n\ndata: {"error":{"code":502,"message":"The connection to Gemini was cut mid-stream.","status":"UNAVAILABLE"}}\n\n';
    const text = await run([new TextEncoder().encode(UPSTREAM.slice(0, 200) + cut)]);
    expect(
      text.endsWith(
        'event: error\ndata: {"event_type":"error","error":{"code":"api_error","message":"The connection to Gemini was cut mid-stream."}}\n\n',
      ),
    ).toBe(true);
  });

  it("sends an SSE comment while Gemini is silent longer than the keep-alive interval", async () => {
    const encoder = new TextEncoder();
    const lines = UPSTREAM.split(/(?<=\n\n)/);
    const body = new ReadableStream<Uint8Array>({
      async start(controller) {
        controller.enqueue(encoder.encode(lines[0] ?? ""));
        // A background interaction still working: nothing for a while.
        await new Promise((resolve) => setTimeout(resolve, 120));
        for (const line of lines.slice(1)) controller.enqueue(encoder.encode(line));
        controller.close();
      },
    });
    const text = await new Response(tagInteractionsStream(body, PRINT, { keepAliveMs: 30 })).text();
    expect(text).toContain(": keep-alive\n\n");
    expect(events(text)).toHaveLength(4);
    expect(text.endsWith("data: [DONE]\n\n")).toBe(true);
  });
});
