import type { Context } from "hono";

/**
 * Sets headers on the response a request ended with — answers, streams and errors alike — in
 * place. Set once, after the handler: setting them on Hono's response before it runs makes Hono
 * build a placeholder Response and then copy the handler's Response to merge them in, two extra
 * Responses per request. A response whose headers are immutable (one fetch returned as it is)
 * is copied first.
 */
export function setResponseHeaders(c: Context, apply: (headers: Headers) => void): void {
  try {
    apply(c.res.headers);
  } catch {
    const copy = new Response(c.res.body, c.res);
    apply(copy.headers);
    c.res = copy;
  }
}
