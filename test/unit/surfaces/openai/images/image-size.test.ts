import { describe, expect, it } from "vitest";
import { imageModelFacts } from "../../../../../src/gemini/image-models.ts";
import { parseSize, toImageShape } from "../../../../../src/surfaces/openai/images/image-size.ts";

describe("toImageShape", () => {
  const gemini3 = imageModelFacts("gemini-3-pro-image");
  it("maps OpenAI's sizes to the nearest ratio and image size", () => {
    expect(toImageShape(parseSize("1536x1024"), gemini3)).toEqual({
      aspectRatio: "3:2",
      imageSize: "1K",
    });
    expect(toImageShape(parseSize("1024x1792"), gemini3)).toEqual({
      aspectRatio: "9:16",
      imageSize: "1K",
    });
    expect(toImageShape(parseSize("256x256"), gemini3)).toEqual({
      aspectRatio: "1:1",
      imageSize: "1K",
    });
    expect(toImageShape(parseSize("2048x2048"), gemini3)).toEqual({
      aspectRatio: "1:1",
      imageSize: "2K",
    });
    // 8.3 MP: 2K at 16:9 is 4.2 MP, 4K 16.9 MP; 2K is nearer on a log scale.
    expect(toImageShape(parseSize("3840x2160"), gemini3)).toEqual({
      aspectRatio: "16:9",
      imageSize: "2K",
    });
  });
  it("leaves the shape to the model for auto, and raises the size for quality high", () => {
    expect(toImageShape(parseSize("auto"), gemini3)).toEqual({});
    expect(toImageShape(null, gemini3, "2K")).toEqual({ imageSize: "2K" });
    expect(toImageShape(parseSize("4096x4096"), gemini3, "2K")).toEqual({
      aspectRatio: "1:1",
      imageSize: "4K",
    });
  });
  it("uses the extreme ratios only where the model has them, and no size on 1K-only models", () => {
    expect(
      toImageShape(parseSize("4000x500"), imageModelFacts("gemini-3.1-flash-image")).aspectRatio,
    ).toBe("8:1");
    expect(toImageShape(parseSize("4000x500"), gemini3).aspectRatio).toBe("21:9");
    expect(
      toImageShape(parseSize("4096x4096"), imageModelFacts("gemini-2.5-flash-image"), "2K"),
    ).toEqual({ aspectRatio: "1:1" });
  });
  it("refuses a size that is not WIDTHxHEIGHT, naming size", () => {
    for (const size of ["big", "0x100", "1024", "1024x1024x3"]) {
      expect(() => parseSize(size)).toThrow(
        expect.objectContaining({ param: "size", status: 400 }),
      );
    }
  });
});
