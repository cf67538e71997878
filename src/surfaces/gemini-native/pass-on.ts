import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { AppEnv } from "../../http/app-env.ts";

/**
 * Gemini's 2xx answer to the client as Gemini sent it: status, content type and the body stream,
 * untouched. Upstream's other headers (its server's, its encoding, its length) are not passed on.
 */
export function passOn(c: Context<AppEnv>, upstream: Response): Response {
  const contentType = upstream.headers.get("content-type") ?? "application/json; charset=UTF-8";
  return c.body(upstream.body as ReadableStream, upstream.status as ContentfulStatusCode, {
    "content-type": contentType,
  });
}
