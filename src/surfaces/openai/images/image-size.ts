import { badRequest } from "../../../../common/api-error.ts";
import { type ImageModelFacts, type ImageSize, pixelsOf } from "../../../gemini/image-models.ts";

/** What Gemini is asked to make: `imageConfig`, both optional (absent = the model chooses). */
export interface ImageShape {
  aspectRatio?: string;
  imageSize?: ImageSize;
}

const SIZE = /^(\d{1,5})x(\d{1,5})$/;

/** `1536x1024` → [1536, 1024]; `auto` or none → null; anything else is the client's 400. */
export function parseSize(size: string | undefined): [number, number] | null {
  if (size === undefined || size === "auto") return null;
  const match = SIZE.exec(size);
  const width = Number(match?.[1]);
  const height = Number(match?.[2]);
  if (!match || width < 1 || height < 1) {
    throw badRequest(
      "size",
      `Invalid value for 'size': '${size.slice(0, 40)}'. Use 'auto' or WIDTHxHEIGHT, e.g. '1024x1024' or '1536x1024'.`,
    );
  }
  return [width, height];
}

const ratioValue = (ratio: string) => {
  const [width, height] = ratio.split(":").map(Number);
  return (width as number) / (height as number);
};

/**
 * The nearest shape the model makes: the aspect ratio closest to the requested one (compared on
 * a log scale, so 2:1 and 1:2 are as far from 1:1), then the image size whose pixel count at
 * that ratio is closest to the requested one (log scale too). `1536x1024` → 3:2 at 1K, which
 * Gemini 3 makes as 1264x848. `atLeast` (from `quality: high`) raises the size to at least it.
 * A model with a single size is not sent `imageSize` (Gemini 2.5 Flash Image takes none).
 */
export function toImageShape(
  requested: [number, number] | null,
  facts: ImageModelFacts,
  atLeast?: ImageSize,
): ImageShape {
  const shape: ImageShape = {};
  const sizes = facts.imageSizes;
  if (requested) {
    const [width, height] = requested;
    const wanted = Math.log(width / height);
    let ratio = facts.aspectRatios[0] as string;
    for (const candidate of facts.aspectRatios) {
      const distance = Math.abs(Math.log(ratioValue(candidate)) - wanted);
      if (distance < Math.abs(Math.log(ratioValue(ratio)) - wanted)) ratio = candidate;
    }
    shape.aspectRatio = ratio;
    if (sizes.length > 1) {
      const area = Math.log(width * height);
      let best = sizes[0] as ImageSize;
      for (const candidate of sizes) {
        if (distanceOf(facts, ratio, candidate, area) < distanceOf(facts, ratio, best, area)) {
          best = candidate;
        }
      }
      shape.imageSize = best;
    }
  }
  if (atLeast && sizes.includes(atLeast) && sizes.length > 1) {
    const current = shape.imageSize ?? "1K";
    if (sizes.indexOf(current) < sizes.indexOf(atLeast)) shape.imageSize = atLeast;
  }
  return shape;
}

function distanceOf(facts: ImageModelFacts, ratio: string, size: ImageSize, area: number) {
  const [width, height] = pixelsOf(facts, ratio, size);
  return Math.abs(Math.log(width * height) - area);
}
