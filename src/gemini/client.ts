import type { ApiKey } from "./api-key.ts";
import type { ModelId } from "./model-id.ts";
import { connectionFailed, fromGeminiError } from "./upstream-error.ts";

export interface GeminiTarget {
  baseUrl: string;
  /** Every key value of this worker, so upstream messages can be redacted of all of them. */
  secrets: readonly string[];
}

/** The model methods the gateway calls; the URL is `/v1beta/models/{model}:{method}`. */
export type GeminiModelMethod =
  | "generateContent"
  | "streamGenerateContent"
  | "countTokens"
  | "embedContent"
  | "batchEmbedContents";

/**
 * One upstream call, described by what it does, never by a path: the URL is built here from a
 * validated model id and a fixed method name only.
 */
export type GeminiCall = (
  | { kind: "model-method"; model: ModelId; method: GeminiModelMethod; body: unknown }
  | { kind: "list-models" }
  | { kind: "get-model"; model: ModelId }
) & {
  query?: Record<string, string>;
  /** The body exactly as it goes upstream, when it is already serialized (native pass-through). */
  rawBody?: BodyInit;
  signal?: AbortSignal;
};

/** The model a call is about, for the pool's per-(key, model) memory; null for listing models. */
export function callModel(call: GeminiCall): ModelId | null {
  return call.kind === "list-models" ? null : call.model;
}

export function geminiUrl(baseUrl: string, call: GeminiCall): URL {
  const path =
    call.kind === "list-models"
      ? "/v1beta/models"
      : call.kind === "get-model"
        ? `/v1beta/models/${encodeURIComponent(call.model)}`
        : `/v1beta/models/${encodeURIComponent(call.model)}:${call.method}`;
  const url = new URL(path, baseUrl);
  for (const [name, value] of Object.entries(call.query ?? {})) url.searchParams.set(name, value);
  return url;
}

/**
 * One call to Gemini with one key. The key travels in the `x-goog-api-key` header, never in the
 * URL (URLs end up in logs and error messages). Resolves with a 2xx response; anything else is
 * thrown as an UpstreamError that says whether another key may help.
 */
export async function callGemini(target: GeminiTarget, key: ApiKey, call: GeminiCall) {
  const headers: Record<string, string> = { "x-goog-api-key": key.value };
  let body: BodyInit | undefined;
  if (call.rawBody !== undefined) body = call.rawBody;
  else if (call.kind === "model-method") body = JSON.stringify(call.body);
  if (body !== undefined) headers["content-type"] = "application/json";
  let response: Response;
  try {
    response = await fetch(geminiUrl(target.baseUrl, call), {
      method: body === undefined ? "GET" : "POST",
      headers,
      body,
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

/** A whole 2xx answer as Gemini sent it: its status, content type and bytes. */
export interface GeminiBytes {
  status: number;
  contentType: string;
  bytes: ArrayBuffer;
}

/**
 * `callGemini` and its whole body as bytes, for pass-through: never parsed, but read to the end
 * here, so a body cut off mid-way counts as a failed call (another key is tried) and the client
 * gets an answer of known length.
 */
export async function callGeminiBytes(
  target: GeminiTarget,
  key: ApiKey,
  call: GeminiCall,
): Promise<GeminiBytes> {
  const response = await callGemini(target, key, call);
  const contentType = response.headers.get("content-type") ?? "application/json; charset=UTF-8";
  try {
    return { status: response.status, contentType, bytes: await response.arrayBuffer() };
  } catch {
    throw connectionFailed("the response body was cut off");
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
