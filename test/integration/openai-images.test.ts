import { createOpenAI } from "@ai-sdk/openai";
import { generateImage } from "ai";
import OpenAI, { toFile } from "openai";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { makePng } from "../../emulator/behaviour/png-image.ts";
import { PASS, shardKeys, startTopology, type Topology } from "../support/topology.ts";

let topology: Topology;
beforeAll(async () => {
  topology = await startTopology({ shards: shardKeys([2, 1]) });
});
afterAll(() => topology.close());
afterEach(() => topology.emulator.reset());

/** Width × height from a base64 PNG's IHDR. */
function pngSize(base64: string): [number, number] {
  const bytes = Buffer.from(base64, "base64");
  expect(bytes.subarray(1, 4).toString("ascii")).toBe("PNG");
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

interface SentPart {
  text?: string;
  inlineData?: { mimeType: string; data: string };
}
interface SentRequest {
  contents: { parts: SentPart[] }[];
  generationConfig: { imageConfig?: unknown };
}

const generateCalls = () =>
  topology.emulator
    .requests()
    .filter((request) => request.path.includes(":generateContent"))
    .map((request) => request.body as SentRequest);

describe("POST /v1/images/generations through the topology (openai SDK)", () => {
  it("makes an image of the nearest shape Gemini offers and says what it made", async () => {
    const result = await topology.client.images.generate({
      model: "gpt-image-1",
      prompt: "a lighthouse at dusk",
      size: "1536x1024",
    });
    expect(result.data).toHaveLength(1);
    const image = result.data?.[0]?.b64_json ?? "";
    expect(pngSize(image)).toEqual([1264, 848]);
    expect(result.size).toBe("1264x848");
    expect(result.output_format).toBe("png");
    expect(result.usage?.output_tokens_details?.image_tokens).toBe(1120);
    expect(result.usage?.total_tokens).toBe(
      (result.usage?.input_tokens ?? 0) + (result.usage?.output_tokens ?? 0),
    );
    const [call] = generateCalls();
    expect(topology.emulator.requests()[0]?.path).toContain("gemini-3-pro-image:generateContent");
    expect(call?.generationConfig).toEqual({
      responseModalities: ["IMAGE"],
      imageConfig: { aspectRatio: "3:2", imageSize: "1K" },
    });
  });

  it("makes n images with n Gemini calls (image models refuse several candidates)", async () => {
    const result = await topology.client.images.generate({
      model: "gemini-3.1-flash-image",
      prompt: "three moons",
      n: 3,
      size: "2048x512",
      quality: "high",
    });
    expect(result.data).toHaveLength(3);
    for (const image of result.data ?? [])
      expect(pngSize(image.b64_json ?? "")).toEqual([4096, 1024]);
    expect(generateCalls()).toHaveLength(3);
    expect(generateCalls()[0]?.generationConfig.imageConfig).toEqual({
      aspectRatio: "4:1",
      imageSize: "2K",
    });
    expect(result.quality).toBe("high");
  });

  it("sends no imageSize to a model that makes 1K only", async () => {
    const result = await topology.client.images.generate({
      model: "gemini-2.5-flash-image",
      prompt: "a fox",
      size: "1792x1024",
    });
    expect(result.size).toBe("1344x768");
    expect(generateCalls()[0]?.generationConfig.imageConfig).toEqual({ aspectRatio: "16:9" });
  });

  it("answers 400 for response_format url, saying the gateway stores nothing", async () => {
    const error = await topology.client.images
      .generate({ prompt: "a fox", response_format: "url" })
      .catch((caught) => caught);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect(error.param).toBe("response_format");
    expect(error.message).toMatch(/stores nothing/);
    expect(topology.emulator.counts()).toEqual({});
  });

  it("answers 400 naming background transparent, stream, and unknown arguments", async () => {
    for (const [body, param] of [
      [{ prompt: "x", background: "transparent" }, "background"],
      [{ prompt: "x", stream: true }, "stream"],
      [{ prompt: "x", size: "big" }, "size"],
      [{ prompt: "x", n: 11 }, "n"],
      [{ prompt: "x", colour: "red" }, "colour"],
      [{ n: 1 }, "prompt"],
    ] as const) {
      const error = await topology.client.images
        .generate(body as unknown as OpenAI.ImageGenerateParamsNonStreaming)
        .catch((caught) => caught);
      expect(error, JSON.stringify(body)).toBeInstanceOf(OpenAI.BadRequestError);
      expect(error.param).toBe(param);
    }
  });

  it("turns a blocked prompt into a 400 content_policy_violation with the reason", async () => {
    const error = await topology.client.images
      .generate({ prompt: "emulate:block=IMAGE_SAFETY a cat" })
      .catch((caught) => caught);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect(error.code).toBe("content_policy_violation");
    expect(error.message).toContain("IMAGE_SAFETY");
  });

  it("turns a refused image (finish reason) into a 400 with the reason", async () => {
    const error = await topology.client.images
      .generate({ prompt: "emulate:finish=IMAGE_PROHIBITED_CONTENT a cat" })
      .catch((caught) => caught);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect(error.message).toContain("IMAGE_PROHIBITED_CONTENT");
  });

  it("fails over to another key when one is rate limited", async () => {
    const [first] = topology.shards[0] ?? [];
    topology.emulator.setKeyBehavior(first as string, { kind: "rate-limit" });
    const [second] = topology.shards[1] ?? [];
    topology.emulator.setKeyBehavior(second as string, { kind: "rate-limit" });
    const result = await topology.client.images.generate({ prompt: "a hill" });
    expect(result.data).toHaveLength(1);
  });
});

describe("POST /v1/images/edits (multipart) through the topology", () => {
  it("sends the uploaded images with the instruction and answers the edited image", async () => {
    const source = makePng(64, 48, "source");
    const result = await topology.client.images.edit({
      model: "dall-e-2",
      image: await toFile(source, "source.png", { type: "image/png" }),
      prompt: "make it blue",
      size: "1024x1024",
    });
    expect(pngSize(result.data?.[0]?.b64_json ?? "")).toEqual([1024, 1024]);
    const parts = generateCalls()[0]?.contents[0]?.parts ?? [];
    expect(parts[0]).toEqual({ text: "make it blue" });
    expect(parts[1]?.inlineData).toEqual({
      mimeType: "image/png",
      data: source.toString("base64"),
    });
  });

  it("takes several images as image[] in order", async () => {
    const images = await Promise.all(
      ["a", "b"].map((seed) =>
        toFile(makePng(8, 8, seed), `${seed}.bin`, { type: "application/octet-stream" }),
      ),
    );
    await topology.client.images.edit({ image: images, prompt: "combine them" });
    const parts = generateCalls()[0]?.contents[0]?.parts ?? [];
    expect(parts.map((part) => part.inlineData?.data ?? part.text)).toEqual([
      "combine them",
      makePng(8, 8, "a").toString("base64"),
      makePng(8, 8, "b").toString("base64"),
    ]);
  });

  it("answers 400 naming mask (Gemini has no masked editing) and a non-image file", async () => {
    const png = await toFile(makePng(8, 8, "m"), "m.png", { type: "image/png" });
    const masked = await topology.client.images
      .edit({ image: png, mask: png, prompt: "x" })
      .catch((caught) => caught);
    expect(masked).toBeInstanceOf(OpenAI.BadRequestError);
    expect(masked.param).toBe("mask");
    const text = await toFile(Buffer.from("hello"), "a.png", { type: "image/png" });
    const wrong = await topology.client.images
      .edit({ image: text, prompt: "x" })
      .catch((caught) => caught);
    expect(wrong).toBeInstanceOf(OpenAI.BadRequestError);
    expect(wrong.param).toBe("image");
  });
});

describe("the AI SDK's generateImage (@ai-sdk/openai) through the topology", () => {
  it("generates images with a Gemini model id and with an OpenAI one", async () => {
    const provider = createOpenAI({ baseURL: `${topology.url}/v1`, apiKey: PASS });
    const { images } = await generateImage({
      model: provider.image("gemini-3-pro-image"),
      prompt: "a red square",
      n: 2,
      size: "1024x1024",
    });
    expect(images).toHaveLength(2);
    expect(images[0]?.mediaType).toBe("image/png");
    expect(images[0]?.uint8Array.subarray(1, 4)).toEqual(new Uint8Array([0x50, 0x4e, 0x47]));
    const { image } = await generateImage({
      model: provider.image("gpt-image-1"),
      prompt: "a blue circle",
    });
    expect(image.uint8Array.length).toBeGreaterThan(0);
  });
});
