import type { IncomingMessage, ServerResponse } from "node:http";
import type { GeminiError } from "./errors.ts";

/** Small helpers for node:http: read a body, answer JSON or a Gemini error, wait. */

export async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  const text = JSON.stringify(body, null, 2);
  response.writeHead(status, {
    "content-type": "application/json; charset=UTF-8",
    "content-length": Buffer.byteLength(text),
    ...headers,
  });
  response.end(text);
}

export function sendError(response: ServerResponse, error: GeminiError) {
  sendJson(response, error.code, error.toJSON(), error.headers);
}

export const delay = (milliseconds: number) =>
  milliseconds > 0
    ? new Promise<void>((resolve) => setTimeout(resolve, milliseconds))
    : Promise.resolve();

/** Writes and waits until the data is handed to the socket (or the socket is gone). */
export function writeAndWait(response: ServerResponse, text: string): Promise<void> {
  return new Promise((resolve) => {
    if (response.destroyed || response.writableEnded) return resolve();
    response.write(text, () => resolve());
  });
}
