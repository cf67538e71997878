import { badRequest } from "../../common/api-error.ts";
import { bytesToBase64 } from "../../common/base64.ts";
import { readCapped, TooLargeError } from "../../common/read-capped.ts";
import { isGeminiMediaType } from "../media/media-types.ts";
import { checkImageUrl } from "./check-image-url.ts";

export interface RemoteImageLimits {
  allowLoopback: boolean;
  maxBytes: number;
  timeoutMs: number;
  maxRedirects: number;
}

export const DEFAULT_IMAGE_LIMITS: RemoteImageLimits = {
  allowLoopback: false,
  maxBytes: 10 * 1024 * 1024,
  timeoutMs: 10_000,
  maxRedirects: 3,
};

/**
 * Downloads an `image_url` for Gemini, which only takes inline bytes. Redirects are followed by
 * hand so every hop passes the same URL check; the body is read with a byte cap, within a timeout,
 * and must be `image/*`. Every failure is the client's 400, naming the URL's field.
 */
export async function fetchRemoteImage(
  raw: string,
  limits: RemoteImageLimits = DEFAULT_IMAGE_LIMITS,
): Promise<{ mimeType: string; data: string }> {
  const fail = (reason: string) => badRequest("image_url", `Could not use image_url: ${reason}.`);
  const signal = AbortSignal.timeout(limits.timeoutMs);
  let target = raw;
  for (let hop = 0; ; hop++) {
    const url = checkImageUrl(target, limits.allowLoopback);
    if (typeof url === "string") throw fail(`the URL ${url}`);
    let response: Response;
    try {
      response = await fetch(url, { redirect: "manual", signal, headers: { accept: "image/*" } });
    } catch {
      throw fail(signal.aborted ? "the download timed out" : "the download failed");
    }
    if (response.status >= 300 && response.status < 400) {
      await response.body?.cancel();
      const location = response.headers.get("location");
      if (!location || hop >= limits.maxRedirects) throw fail("too many or broken redirects");
      target = new URL(location, url).toString();
      continue;
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw fail(`the server answered ${response.status}`);
    }
    const mimeType = (response.headers.get("content-type") ?? "").split(";")[0]?.trim() ?? "";
    if (!mimeType.startsWith("image/") || !isGeminiMediaType(mimeType)) {
      await response.body?.cancel();
      throw fail(
        `expected an image type Gemini takes (PNG, JPEG, WebP, HEIC, HEIF, GIF), got "${mimeType.slice(0, 100) || "none"}"`,
      );
    }
    const body = response.body ?? new Response(new Uint8Array()).body;
    const length = response.headers.get("content-length");
    const bytes = await readCapped(
      body as ReadableStream<Uint8Array>,
      limits.maxBytes,
      length,
    ).catch((error: unknown) => {
      if (error instanceof TooLargeError) {
        throw fail(`the image is larger than ${limits.maxBytes} bytes`);
      }
      throw fail(signal.aborted ? "the download timed out" : "the download failed");
    });
    return { mimeType, data: bytesToBase64(bytes) };
  }
}
