import { ApiError, badRequest } from "../../common/api-error.ts";
import { BoundedMap } from "../../common/bounded-map.ts";
import { DEFAULT_UPSTREAM_TIMEOUT_S } from "../env.ts";
import type { ApiKey } from "./api-key.ts";
import { AttemptSignal } from "./attempt-signal.ts";
import type { ModelId } from "./model-id.ts";
import { requestJson } from "./request-json.ts";
import type { ResourcePath } from "./resource-path.ts";
import { connectionFailed, fromGeminiError, UpstreamError } from "./upstream-error.ts";

export interface GeminiTarget {
  baseUrl: string;
  /** Every key value of this worker, so upstream messages can be redacted of all of them. */
  secrets: readonly string[];
  /** The client's request signal: when the client goes away, the upstream call is aborted. */
  signal?: AbortSignal;
  /**
   * Per attempt, the longest wait for Gemini's response headers, and then for each next piece of
   * the body (UPSTREAM_TIMEOUT_S; default 300 s).
   */
  timeoutMs?: number;
  /** How long a started stream may be silent before its surface's keep-alive (STREAM_KEEPALIVE_S). */
  keepAliveMs?: number;
}

export const DEFAULT_UPSTREAM_TIMEOUT_MS = DEFAULT_UPSTREAM_TIMEOUT_S * 1000;

/**
 * Thrown when the client went away: the work stops, and no other key is tried (this is not an
 * UpstreamError). Nobody reads the answer; 499 is what the request log shows.
 */
export const clientClosedRequest = () =>
  new ApiError(499, "The client closed the request.", { code: "client_closed_request" });

/** The model methods the gateway calls; the URL is `/v1beta/models/{model}:{method}`. */
export type GeminiModelMethod =
  | "generateContent"
  | "streamGenerateContent"
  | "countTokens"
  | "embedContent"
  | "batchEmbedContents"
  /** Batch jobs (ai.google.dev/api/batch-api): they belong to the project of the key that made them. */
  | "batchGenerateContent"
  | "asyncBatchEmbedContent";

/**
 * One upstream call, described by what it does, never by a path: the URL is built here from a
 * validated model id and a fixed method name only.
 */
export type GeminiCall = (
  | { kind: "model-method"; model: ModelId; method: GeminiModelMethod; body: unknown }
  | { kind: "list-models" }
  | { kind: "get-model"; model: ModelId }
  /**
   * A project-bound resource (files, cached contents, uploads): the method, a path made by
   * `resourcePath`, the upload protocol's headers, and the model it concerns, if any (for parks).
   */
  | {
      kind: "resource";
      method: "GET" | "POST" | "PATCH" | "DELETE";
      path: ResourcePath;
      headers?: Record<string, string>;
      contentType?: string;
      model?: ModelId | null;
    }
) & {
  query?: Record<string, string>;
  /** The body exactly as it goes upstream, when it is already serialized (native pass-through). */
  rawBody?: BodyInit;
  signal?: AbortSignal;
};

/** The model a call is about, for the pool's per-(key, model) memory; null for listing models. */
export function callModel(call: GeminiCall): ModelId | null {
  if (call.kind === "resource") return call.model ?? null;
  return call.kind === "list-models" ? null : call.model;
}

/** GEMINI_BASE_URL's origin, parsed once per value rather than once per call (one value per worker). */
const origins = new BoundedMap<string, string>(8);

function originOf(baseUrl: string): string {
  let origin = origins.peek(baseUrl);
  if (origin === undefined) {
    origin = new URL(baseUrl).origin;
    origins.set(baseUrl, origin);
  }
  return origin;
}

/**
 * The URL of a call: the base URL's origin, a fixed path from the validated model id (encoded)
 * and method, and the query. Built as text: it is the same string `new URL(path, baseUrl)`
 * would give, without parsing a URL on every call.
 */
export function geminiUrl(baseUrl: string, call: GeminiCall): string {
  const path =
    call.kind === "resource"
      ? call.path
      : call.kind === "list-models"
        ? "/v1beta/models"
        : call.kind === "get-model"
          ? `/v1beta/models/${encodeURIComponent(call.model)}`
          : `/v1beta/models/${encodeURIComponent(call.model)}:${call.method}`;
  const query = call.query ? new URLSearchParams(call.query).toString() : "";
  return `${originOf(baseUrl)}${path}${query === "" ? "" : `?${query}`}`;
}

/** A 2xx answer's headers, and the attempt whose clock bounds the reads of its body. */
interface OpenedCall {
  response: Response;
  attempt: AttemptSignal;
}

/**
 * One call to Gemini with one key. The key travels in the `x-goog-api-key` header, never in the
 * URL (URLs end up in logs and error messages). Resolves once a 2xx response's headers are in;
 * anything else is thrown as an UpstreamError that says whether another key may help.
 */
async function openCall(target: GeminiTarget, key: ApiKey, call: GeminiCall): Promise<OpenedCall> {
  const attempt = new AttemptSignal(
    [target.signal, call.signal],
    target.timeoutMs ?? DEFAULT_UPSTREAM_TIMEOUT_MS,
  );
  if (attempt.clientGone) throw clientClosedRequest();
  const resource = call.kind === "resource" ? call : null;
  const headers: Record<string, string> = { ...resource?.headers, "x-goog-api-key": key.value };
  let body: BodyInit | undefined;
  if (call.rawBody !== undefined) body = call.rawBody;
  else if (call.kind === "model-method") body = serializeBody(call.body);
  if (body !== undefined) headers["content-type"] = resource?.contentType ?? "application/json";
  let response: Response;
  try {
    const request = fetch(geminiUrl(target.baseUrl, call), {
      method: resource?.method ?? (body === undefined ? "GET" : "POST"),
      headers,
      body,
      signal: attempt.signal,
    });
    response = await attempt.within(request, "no response headers");
  } catch (error) {
    attempt.end();
    if (attempt.clientGone) throw clientClosedRequest();
    if (error instanceof UpstreamError) throw error;
    throw connectionFailed(error instanceof Error ? error.name : "network error");
  }
  if (response.ok) return { response, attempt };
  const text = await attempt.within(response.text(), "no complete error body").catch(() => "");
  attempt.end();
  throw fromGeminiError(response.status, parseJson(text), target.secrets);
}

/**
 * A 2xx answer's body read piece by piece (streams): each read is bounded by the timeout (a gap
 * longer than it fails the read with an UpstreamError and closes the connection) and ends when
 * the client goes away. Read straight from the upstream reader: no stream stage in between.
 */
export interface UpstreamBody {
  read(): Promise<ReadableStreamReadResult<Uint8Array>>;
  /** Stops reading and closes the upstream connection; never rejects. */
  cancel(reason?: unknown): Promise<void>;
}

export interface OpenedBody {
  response: Response;
  body: UpstreamBody;
}

/** `openCall`, for an answer read piece by piece: its 2xx headers and its bounded body. */
export async function openGeminiBody(
  target: GeminiTarget,
  key: ApiKey,
  call: GeminiCall,
): Promise<OpenedBody> {
  const { response, attempt } = await openCall(target, key, call);
  if (!response.body) {
    attempt.end();
    throw connectionFailed("the answer had no body");
  }
  const reader = response.body.getReader();
  const body: UpstreamBody = {
    async read() {
      try {
        const result = await attempt.within(reader.read(), "no further data");
        if (result.done) attempt.end();
        return result;
      } catch (error) {
        attempt.end();
        reader.cancel(error).catch(() => {});
        throw error;
      }
    },
    cancel(reason) {
      attempt.end();
      return reader.cancel(reason).catch(() => {});
    },
  };
  return { response, body };
}

/**
 * A whole 2xx body, read by the runtime in one call (no JavaScript per chunk) with the clock
 * running until its end; a body cut off mid-way, or too slow, counts as a failed call.
 */
async function readWhole<T>(
  opened: OpenedCall,
  read: (response: Response) => Promise<T>,
  cutOff: string,
): Promise<T> {
  try {
    return await opened.attempt.within(read(opened.response), "no complete answer");
  } catch (error) {
    if (opened.attempt.clientGone) throw clientClosedRequest();
    if (error instanceof UpstreamError) throw error;
    throw connectionFailed(cutOff);
  } finally {
    opened.attempt.end();
  }
}

/**
 * Gemini parses requests into protocol buffers, which refuse nesting past 100 levels (protobuf's
 * default recursion limit); a deeper body — e.g. a tool result that is a JSON text of a million
 * brackets — is the client's 400 here, before a key is spent and before serializing it could
 * exhaust the stack.
 */
export const MAX_REQUEST_DEPTH = 100;

function serializeBody(value: unknown): string | Uint8Array<ArrayBuffer> {
  const text = requestJson(value, MAX_REQUEST_DEPTH);
  if (text === null) {
    throw badRequest(
      null,
      `The request nests values more than ${MAX_REQUEST_DEPTH} levels deep (in tool arguments, tool results, schemas or extra fields); Gemini does not accept that.`,
      "nesting_too_deep",
    );
  }
  return text;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** A whole 2xx answer as Gemini sent it: its status, content type, headers and bytes. */
export interface GeminiBytes {
  status: number;
  contentType: string;
  bytes: ArrayBuffer;
  /** Upstream's headers, for what the upload protocol says in them (x-goog-upload-*). */
  headers: Headers;
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
  const opened = await openCall(target, key, call);
  const { status, headers } = opened.response;
  const contentType = headers.get("content-type") ?? "application/json; charset=UTF-8";
  const bytes = await readWhole(
    opened,
    (response) => response.arrayBuffer(),
    "the response body was cut off",
  );
  return { status, contentType, bytes, headers };
}

/** `callGemini` and its JSON body; a body cut off mid-way counts as a failed call, so another key is tried. */
export async function callGeminiJson<T>(target: GeminiTarget, key: ApiKey, call: GeminiCall) {
  const opened = await openCall(target, key, call);
  return readWhole(
    opened,
    (response) => response.json() as Promise<T>,
    "the response body was cut off or is not JSON",
  );
}
