import type { Emulator } from "../../emulator/server.ts";

export const KEY = "test-key-1";

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests read whatever shape Gemini answered
  json: any;
}

/** One HTTP call to the emulator with `x-goog-api-key` (unless `key` is null). */
export async function call(
  emulator: Emulator,
  path: string,
  options: { body?: unknown; key?: string | null; method?: string; rawBody?: string } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  const key = options.key === undefined ? KEY : options.key;
  if (key !== null) headers["x-goog-api-key"] = key;
  const body =
    options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  const response = await fetch(`${emulator.url}${path}`, {
    method: options.method ?? (body === undefined ? "GET" : "POST"),
    headers,
    body,
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

export const generate = (emulator: Emulator, model: string, body: unknown, key?: string) =>
  call(emulator, `/v1beta/models/${model}:generateContent`, { body, key });

export const userText = (text: string) => ({ contents: [{ role: "user", parts: [{ text }] }] });

/** The `data:` payloads of an SSE body whose events are separated by \r\n\r\n. */
export function sseEvents(text: string): unknown[] {
  return text
    .split("\r\n\r\n")
    .filter((event) => event !== "")
    .map((event) => JSON.parse(event.replace(/^data: /, "")));
}

/** A cached content of `words` tokens (a word is a token here) made with `key`. */
export const createCache = (emulator: Emulator, words: number, key?: string) =>
  call(emulator, "/v1beta/cachedContents", {
    key,
    body: {
      model: "models/gemini-2.5-flash",
      contents: [{ role: "user", parts: [{ text: Array(words).fill("word").join(" ") }] }],
    },
  });
