import { describe, expect, it } from "vitest";
import type { ApiError } from "../../../common/api-error.ts";
import {
  checkBase64,
  isCompactBase64,
  parseDataUrl,
  rememberedPayloads,
} from "../../../src/media/data-url.ts";
import { isGeminiMediaType } from "../../../src/media/media-types.ts";

describe("parseDataUrl media types", () => {
  it.each([
    "image/png",
    "image/jpeg",
    "image/webp",
    "image/heic",
    "image/heif",
    "image/gif",
    "audio/wav",
    "audio/mp3",
    "audio/ogg",
    "application/pdf",
    "text/plain",
    "IMAGE/PNG",
  ])("takes %s, which Gemini accepts inline", (type) => {
    expect(parseDataUrl(`data:${type};base64,AAAA`, "p")).toEqual({
      mimeType: type.toLowerCase(),
      data: "AAAA",
    });
  });

  it.each([
    "text/html",
    "image/svg+xml",
    "application/javascript",
    "application/x-msdownload",
    "application/octet-stream",
    "video/x-unknown",
    "image/x-icon",
  ])("answers 400 naming the field for %s", (type) => {
    let error: ApiError | undefined;
    try {
      parseDataUrl(`data:${type};base64,AAAA`, "messages[0].content[0].image_url.url");
    } catch (caught) {
      error = caught as ApiError;
    }
    expect(error).toMatchObject({
      status: 400,
      param: "messages[0].content[0].image_url.url",
      code: "unsupported_media_type",
    });
  });

  it("does not take a look-alike audio type with odd characters", () => {
    expect(isGeminiMediaType("audio/")).toBe(false);
    expect(isGeminiMediaType("audio/x wav")).toBe(false);
  });
});

describe("checked payloads remembered for serialization", () => {
  const payload = (index: number) => btoa(`payload ${index} `.repeat(64));

  it("forgets a payload once the upstream body has used it (it keeps its request body alive)", () => {
    const data = checkBase64(payload(1), "file_data");
    expect(rememberedPayloads()).toBeGreaterThan(0);
    const before = rememberedPayloads();
    expect(isCompactBase64(data)).toBe(true);
    expect(rememberedPayloads()).toBe(before - 1);
    // Asked again (a failover attempt serializes again): checked again, same answer.
    expect(isCompactBase64(data)).toBe(true);
  });

  it("keeps at most 4 that were checked and never sent", () => {
    for (let index = 0; index < 100; index++) checkBase64(payload(index), "file_data");
    expect(rememberedPayloads()).toBe(4);
  });
});
