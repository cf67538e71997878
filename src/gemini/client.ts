import type { ApiKey } from "../keys/discover-keys.ts";
import { connectionFailed, fromGeminiError } from "./upstream-error.ts";

export interface GeminiTarget {
  baseUrl: string;
  /** Every key value of this worker, so upstream messages can be redacted of all of them. */
  secrets: readonly string[];
}

export interface GeminiCall {
  /** Path below `/v1beta/`, e.g. `models/gemini-2.5-flash:generateContent`. */
  path: string;
  method?: "GET" | "POST";
  query?: Record<string, string>;
  body?: unknown;
  signal?: AbortSignal;
}

/**
 * One call to Gemini with one key. The key travels in the `x-goog-api-key` header, never in the
 * URL (URLs end up in logs and error messages). Resolves with a 2xx response; anything else is
 * thrown as an UpstreamError that says whether another key may help.
 */
export async function callGemini(target: GeminiTarget, key: ApiKey, call: GeminiCall) {
  const url = new URL(`/v1beta/${call.path}`, target.baseUrl);
  for (const [name, value] of Object.entries(call.query ?? {})) url.searchParams.set(name, value);
  const headers: Record<string, string> = { "x-goog-api-key": key.value };
  if (call.body !== undefined) headers["content-type"] = "application/json";
  let response: Response;
  try {
    response = await fetch(url, {
      method: call.method ?? (call.body === undefined ? "GET" : "POST"),
      headers,
      body: call.body === undefined ? undefined : JSON.stringify(call.body),
      signal: call.signal,
    });
  } catch (error) {
    throw connectionFailed(error instanceof Error ? error.name : "network error");
  }
  if (response.ok) return response;
  const text = await response.text().catch(() => "");
  throw fromGeminiError(response.status, parseJson(text), target.secrets);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** `callGemini` and its JSON body; a body cut off mid-way counts as a failed call, so another key is tried. */
export async function callGeminiJson<T>(target: GeminiTarget, key: ApiKey, call: GeminiCall) {
  const response = await callGemini(target, key, call);
  try {
    return (await response.json()) as T;
  } catch {
    throw connectionFailed("the response body was cut off or is not JSON");
  }
}
