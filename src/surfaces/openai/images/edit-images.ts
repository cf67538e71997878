import { badRequest } from "../../../../common/api-error.ts";
import { encodeBase64 } from "../../../media/base64-bytes.ts";
import type { InlineMedia } from "../../../media/data-url.ts";
import { sniffMediaType } from "../../../media/sniff-type.ts";

/** OpenAI's limit on images per edit (GPT image models). */
const MAX_IMAGES = 16;

/** Image types Gemini reads (https://ai.google.dev/gemini-api/docs/image-understanding). */
const GEMINI_IMAGE_TYPES = ["image/png", "image/jpeg", "image/webp", "image/heic", "image/heif"];

/**
 * The uploaded `image` files (or `image[]`) as inline images: their type read from their bytes
 * (declared types are often generic), HEIC/HEIF by their declared type, anything else the
 * client's 400 naming `image`.
 */
export async function toInlineImages(files: readonly File[] | undefined): Promise<InlineMedia[]> {
  if (!files || files.length === 0) {
    throw badRequest("image", "Missing required parameter: 'image' (one or more image files).");
  }
  if (files.length > MAX_IMAGES) {
    throw badRequest("image", `Invalid value for 'image': at most ${MAX_IMAGES} images.`);
  }
  return Promise.all(
    files.map(async (file, index) => {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const declared = file.type.toLowerCase().split(";")[0]?.trim() ?? "";
      const mimeType =
        sniffMediaType(bytes.subarray(0, 16)) ??
        (declared === "image/heic" || declared === "image/heif" ? declared : null);
      if (!mimeType || !GEMINI_IMAGE_TYPES.includes(mimeType)) {
        const param = files.length > 1 ? `image[${index}]` : "image";
        throw badRequest(
          param,
          `Invalid value for '${param}': send a PNG, JPEG, WebP, HEIC or HEIF image (Gemini reads these).`,
          "invalid_image_format",
        );
      }
      return { mimeType, data: encodeBase64(bytes) };
    }),
  );
}
