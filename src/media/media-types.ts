import { badRequest } from "../../common/api-error.ts";

/**
 * The inline media types Gemini takes (ai.google.dev "image understanding", "audio understanding",
 * "document processing"). Anything else — `text/html`, `image/svg+xml`, executables — is the
 * client's 400 before a key is spent on it.
 */
const IMAGE_TYPES = new Set([
  "image/png",
  "image/jpeg",
  "image/webp",
  "image/heic",
  "image/heif",
  "image/gif",
]);
const DOCUMENT_TYPES = new Set(["application/pdf", "text/plain"]);

export function isGeminiMediaType(mimeType: string): boolean {
  const type = mimeType.toLowerCase();
  return IMAGE_TYPES.has(type) || DOCUMENT_TYPES.has(type) || /^audio\/[\w.+-]+$/.test(type);
}

/** `mimeType` if Gemini takes it inline, else a 400 naming `param`. */
export function checkMediaType(mimeType: string, param: string): string {
  if (isGeminiMediaType(mimeType)) return mimeType.toLowerCase();
  throw badRequest(
    param,
    `Invalid value for '${param}': media type '${mimeType.slice(0, 100)}' is not one Gemini accepts (PNG, JPEG, WebP, HEIC, HEIF, GIF images; audio/*; application/pdf; text/plain).`,
    "unsupported_media_type",
  );
}
