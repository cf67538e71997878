/**
 * The hot path's shape for a chat carrying a 1 MB image (cheap guards, not timings): the backend
 * reads, validates and translates it without copying the megabyte — the image reaches the Gemini
 * request as a slice of the body the client sent.
 */
import { describe, expect, it } from "vitest";
import { parseJsonKeepingLongStrings } from "../../../../src/http/long-strings.ts";
import { toGeminiRequest } from "../../../../src/surfaces/openai/translate/chat-request.ts";
import { parseChatRequest } from "../../../../src/surfaces/openai/validate/chat-request.ts";

const options = {
  defaultModel: "gemini-2.5-flash",
  resolveImage: () => Promise.reject(new Error("data URLs only")),
};

function imageBody(): string {
  const bytes = Buffer.alloc(1024 * 1024);
  for (let index = 0; index < bytes.length; index++) bytes[index] = (index * 7919) & 255;
  return JSON.stringify({
    model: "gemini-2.5-flash",
    messages: [
      {
        role: "user",
        content: [
          { type: "text", text: "Describe this image." },
          {
            type: "image_url",
            image_url: { url: `data:image/png;base64,${bytes.toString("base64")}` },
          },
        ],
      },
    ],
  });
}

const translate = (body: string) =>
  toGeminiRequest(parseChatRequest(parseJsonKeepingLongStrings(body)), options);

describe("a 1 MB image chat on the backend's path", () => {
  it("keeps a small multiple of the body size alive, not a copy per request", async () => {
    const body = imageBody();
    await translate(body); // warm up: compile the code on the path
    const before = process.memoryUsage().heapUsed;
    const kept = [];
    for (let round = 0; round < 10; round++) kept.push(await translate(body));
    const grown = process.memoryUsage().heapUsed - before;
    // A parse or a translation that copied the image would keep ≥ 10 bodies alive here.
    expect(grown).toBeLessThan(3 * body.length);
    expect(kept).toHaveLength(10);
    type Sent = { contents: { parts: { inlineData?: { data: string } }[] }[] };
    const sent = kept[0]?.body as Sent | undefined;
    const data = sent?.contents[0]?.parts[1]?.inlineData?.data ?? "missing";
    expect(data.length).toBeGreaterThan(1_000_000);
    expect(body).toContain(`base64,${data}"`);
  });
});
