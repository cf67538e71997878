/**
 * One request of each kind a client sends the gateway — every surface, whole and streamed — as
 * plain `fetch` calls read to the end (or abandoned part-way, for aborts). Shared by the memory
 * test, `bench/retention.ts` and the soak benchmark, so all three speak the same traffic.
 */

export type SurfaceKind =
  | "chat"
  | "chat-stream"
  | "embeddings"
  | "messages"
  | "messages-stream"
  | "responses"
  | "responses-stream"
  | "native"
  | "native-stream";

export const SURFACE_KINDS: readonly SurfaceKind[] = [
  "chat",
  "chat-stream",
  "embeddings",
  "messages",
  "messages-stream",
  "responses",
  "responses-stream",
  "native",
  "native-stream",
];

export const STREAMED_KINDS: readonly SurfaceKind[] = SURFACE_KINDS.filter((kind) =>
  kind.endsWith("-stream"),
);

const MODEL = "gemini-2.5-flash";

interface RequestShape {
  path: string;
  headers: Record<string, string>;
  body: unknown;
}

/** What `kind` sends, with `pass` where each API's clients put their key; `index` varies the text. */
export function requestFor(kind: SurfaceKind, pass: string, index: number): RequestShape {
  const text = `request ${index}: say something short about memory`;
  const openai = { authorization: `Bearer ${pass}`, "content-type": "application/json" };
  const anthropic = {
    "x-api-key": pass,
    "anthropic-version": "2023-06-01",
    "content-type": "application/json",
  };
  const gemini = { "x-goog-api-key": pass, "content-type": "application/json" };
  const messages = [{ role: "user", content: text }];
  const contents = [{ role: "user", parts: [{ text }] }];
  switch (kind) {
    case "chat":
    case "chat-stream":
      return {
        path: "/v1/chat/completions",
        headers: openai,
        body: { model: MODEL, messages, stream: kind === "chat-stream" },
      };
    case "embeddings":
      return {
        path: "/v1/embeddings",
        headers: openai,
        body: { model: "text-embedding-3-small", input: [text, "second input"], dimensions: 64 },
      };
    case "messages":
    case "messages-stream":
      return {
        path: "/v1/messages",
        headers: anthropic,
        body: { model: MODEL, max_tokens: 256, messages, stream: kind === "messages-stream" },
      };
    case "responses":
    case "responses-stream":
      return {
        path: "/v1/responses",
        headers: openai,
        body: { model: MODEL, input: text, stream: kind === "responses-stream" },
      };
    case "native":
      return {
        path: `/v1beta/models/${MODEL}:generateContent`,
        headers: gemini,
        body: { contents },
      };
    case "native-stream":
      return {
        path: `/v1beta/models/${MODEL}:streamGenerateContent?alt=sse`,
        headers: gemini,
        body: { contents },
      };
  }
}

export type Outcome = "ok" | "error-status" | "aborted" | "connection-error";

export interface SendOptions {
  /** Abort once the first body bytes arrived (a client that goes away mid-stream)… */
  abortAfterFirstBytes?: boolean;
  /** …or this many ms after sending (before the answer, when upstream is slow). */
  abortAfterMs?: number;
  /** Told the status and the end of the body of an error answer. */
  onError?: (detail: string) => void;
}

/**
 * Sends one request and reads its answer to the end: "ok" for a 2xx whose stream ended properly,
 * "error-status" for anything else the gateway answered, "aborted" when this client gave up as
 * asked, "connection-error" when the connection failed.
 */
export async function sendRequest(
  base: string,
  kind: SurfaceKind,
  pass: string,
  index: number,
  options: SendOptions = {},
): Promise<Outcome> {
  const shape = requestFor(kind, pass, index);
  const controller = new AbortController();
  const timer =
    options.abortAfterMs === undefined
      ? undefined
      : setTimeout(() => controller.abort(), options.abortAfterMs);
  try {
    const response = await fetch(`${base}${shape.path}`, {
      method: "POST",
      headers: shape.headers,
      body: JSON.stringify(shape.body),
      signal: controller.signal,
    });
    const reader = response.body?.getReader();
    let tail = "";
    const decoder = new TextDecoder();
    for (;;) {
      const chunk = await reader?.read();
      if (!chunk || chunk.done) break;
      if (options.abortAfterFirstBytes) {
        controller.abort();
        await reader?.cancel().catch(() => {});
        return "aborted";
      }
      tail = (tail + decoder.decode(chunk.value, { stream: true })).slice(-256);
    }
    if (!response.ok || (kind.endsWith("-stream") && /"error"/.test(tail))) {
      options.onError?.(`${response.status} …${tail.slice(-200)}`);
      return "error-status";
    }
    return "ok";
  } catch (error) {
    if (controller.signal.aborted) return "aborted";
    return error instanceof Error && error.name === "AbortError" ? "aborted" : "connection-error";
  } finally {
    clearTimeout(timer);
  }
}
