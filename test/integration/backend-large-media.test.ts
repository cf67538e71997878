/**
 * Large inline media through the backend in workerd: the long base64 literal is cut out of the
 * body before parsing (src/http/long-strings.ts) and checked by workerd's native decoder
 * (src/media/data-url.ts) — what reaches Gemini, and what is refused by name, must not change.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BackendFixture, PASS, startBackend } from "../support/backend.ts";

let backend: BackendFixture;
beforeAll(async () => {
  backend = await startBackend();
});
afterAll(() => backend.close());

const MEGABYTE = 1024 * 1024;
const payload = (size = MEGABYTE) => {
  const bytes = new Uint8Array(size);
  for (let index = 0; index < bytes.length; index++) bytes[index] = (index * 7919) & 255;
  return Buffer.from(bytes).toString("base64");
};

const chatWithImage = (url: string) =>
  JSON.stringify({
    model: "gemini-2.5-flash",
    messages: [
      {
        role: "user",
        content: [
          { type: "text", text: "Describe this image." },
          { type: "image_url", image_url: { url } },
        ],
      },
    ],
  });

const post = async (body: string) => {
  const response = await fetch(`${backend.url}/v1/chat/completions`, {
    method: "POST",
    headers: { authorization: `Bearer ${PASS}`, "content-type": "application/json" },
    body,
    signal: AbortSignal.timeout(20_000),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
};

type InlineRequest = { contents: { parts: { inlineData?: { data: string } }[] }[] };
const sentInlineData = () => {
  const body = backend.emulator.requests().at(-1)?.body as InlineRequest | undefined;
  return body?.contents.flatMap((content) => content.parts).find((part) => part.inlineData)
    ?.inlineData?.data;
};

describe("a chat carrying a 1 MB image", () => {
  it("reaches Gemini with the very base64 the client sent", async () => {
    const data = payload();
    const result = await post(chatWithImage(`data:image/png;base64,${data}`));
    expect(result.status, JSON.stringify(result.json)).toBe(200);
    expect(sentInlineData()).toBe(data);
  });

  it("takes base64 that fills its last 64 KiB piece exactly, unpadded", async () => {
    const data = payload(49_152 * 3);
    expect(data.length).toBe(65_536 * 3);
    const result = await post(chatWithImage(`data:image/png;base64,${data}`));
    expect(result.status, JSON.stringify(result.json)).toBe(200);
    expect(sentInlineData()).toBe(data);
  });

  it("takes line-wrapped base64 and sends it compact", async () => {
    const data = payload();
    const wrapped = data.replace(/.{76}/g, "$&\n");
    const result = await post(chatWithImage(`data:image/png;base64,${wrapped}`));
    expect(result.status, JSON.stringify(result.json)).toBe(200);
    expect(sentInlineData()).toBe(data);
  });

  it.each([
    [
      "a character outside the alphabet",
      (data: string) => `${data.slice(0, 5000)}*${data.slice(5001)}`,
    ],
    ["padding in the middle", (data: string) => `${data.slice(0, 5000)}=${data.slice(5001)}`],
    ["a length that is not a multiple of 4", (data: string) => data.slice(1)],
    // The native check decodes 64 Ki characters at a time: what sits at a piece's edge.
    [
      "padding at the end of a 64 KiB piece",
      (data: string) => `${data.slice(0, 65_535)}=${data.slice(65_536)}`,
    ],
    [
      "a character outside the alphabet in the last piece",
      (data: string) => `${data.slice(0, -10)}-${data.slice(-9)}`,
    ],
  ])("refuses %s with a 400 naming the field", async (_, spoil) => {
    const before = backend.emulator.requests().length;
    const result = await post(chatWithImage(`data:image/png;base64,${spoil(payload())}`));
    expect(result.status).toBe(400);
    expect(result.json).toMatchObject({
      error: { param: "messages[0].content[1].image_url.url" },
    });
    expect(backend.emulator.requests()).toHaveLength(before);
  });

  it("refuses a bad data URL header by name", async () => {
    const result = await post(chatWithImage(`data:image/png;base65,${payload()}`));
    expect(result.status).toBe(400);
    expect(result.json).toMatchObject({
      error: { param: "messages[0].content[1].image_url.url" },
    });
  });

  it("still refuses a body that is not JSON", async () => {
    const body = chatWithImage(`data:image/png;base64,${payload()}`);
    const result = await post(body.slice(0, -3));
    expect(result.status).toBe(400);
    expect(result.json).toMatchObject({ error: { code: "invalid_json" } });
  });
});
