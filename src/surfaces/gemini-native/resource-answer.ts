import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { tagResource } from "../../affinity/tag-resources.ts";
import type { GeminiBytes } from "../../gemini/client.ts";
import type { ResourceCollection } from "../../gemini/resource-path.ts";
import type { AppEnv } from "../../http/app-env.ts";

/** Gemini's JSON answer about one resource, its name (and a file's URIs) tagged with `print`. */
export function taggedAnswer(
  c: Context<AppEnv>,
  answer: GeminiBytes,
  collection: ResourceCollection,
  print: string,
  options: { wrapped?: "file"; headers?: Record<string, string> } = {},
): Response {
  const text = new TextDecoder().decode(answer.bytes);
  let body: unknown;
  try {
    body = text.trim() === "" ? {} : JSON.parse(text);
  } catch {
    body = null;
  }
  if (body === null || typeof body !== "object") {
    return c.body(answer.bytes, answer.status as ContentfulStatusCode, {
      "content-type": answer.contentType,
      ...options.headers,
    });
  }
  const resource = options.wrapped ? (body as Record<string, unknown>)[options.wrapped] : body;
  tagResource(collection, resource, print);
  return c.body(JSON.stringify(body), answer.status as ContentfulStatusCode, {
    "content-type": "application/json; charset=UTF-8",
    ...options.headers,
  });
}
