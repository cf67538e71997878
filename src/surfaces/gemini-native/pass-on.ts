import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { GeminiBytes } from "../../gemini/client.ts";
import type { AppEnv } from "../../http/app-env.ts";

/**
 * Gemini's 2xx answer to the client as Gemini sent it: status, content type and body, untouched.
 * Upstream's other headers (its server's, its encoding) are not passed on. A whole answer goes
 * out with its length; a stream is passed on as it arrives.
 */
export function passOn(c: Context<AppEnv>, answer: GeminiBytes | Response): Response {
  if (answer instanceof Response) {
    const contentType = answer.headers.get("content-type") ?? "application/json; charset=UTF-8";
    return c.body(answer.body as ReadableStream, answer.status as ContentfulStatusCode, {
      "content-type": contentType,
    });
  }
  return c.body(answer.bytes, answer.status as ContentfulStatusCode, {
    "content-type": answer.contentType,
  });
}
