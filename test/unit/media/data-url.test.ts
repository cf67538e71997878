import { describe, expect, it } from "vitest";
import type { ApiError } from "../../../common/api-error.ts";
import { parseDataUrl } from "../../../src/media/data-url.ts";
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
