import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";

export interface RecordedCall {
  method: string;
  /** Path and query, e.g. `/v1/messages?beta=true`. */
  path: string;
  headers: IncomingHttpHeaders;
  /** The JSON body, or null for none. */
  body: unknown;
  status: number;
}

export interface RecordingProxy {
  url: string;
  calls: RecordedCall[];
  close(): Promise<void>;
}

/**
 * A loopback HTTP proxy in front of `target` that records what a client sends (method, path,
 * headers, JSON body) and streams the answers back untouched — to see what a real client (Claude
 * Code) puts on the wire.
 */
export async function startRecordingProxy(target: string): Promise<RecordingProxy> {
  const calls: RecordedCall[] = [];
  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString("utf8");
    const headers = new Headers();
    for (const [name, value] of Object.entries(request.headers)) {
      if (typeof value === "string" && !["host", "content-length", "connection"].includes(name)) {
        headers.set(name, value);
      }
    }
    const hasBody = request.method !== "GET" && request.method !== "HEAD";
    const upstream = await fetch(`${target}${request.url ?? "/"}`, {
      method: request.method,
      headers,
      body: hasBody ? text : undefined,
    });
    calls.push({
      method: request.method ?? "",
      path: request.url ?? "",
      headers: request.headers,
      body: text === "" ? null : parseJson(text),
      status: upstream.status,
    });
    const answerHeaders = Object.fromEntries(upstream.headers);
    // fetch already decoded the body.
    delete answerHeaders["content-encoding"];
    delete answerHeaders["content-length"];
    response.writeHead(upstream.status, answerHeaders);
    if (!upstream.body) return response.end();
    Readable.fromWeb(upstream.body as import("node:stream/web").ReadableStream).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
