import { ApiError } from "../../common/api-error.ts";
import {
  FAILOVER_HEADER,
  LIST_NEXT_HEADER,
  OVERLOADED_BUDGET,
  OVERLOADED_CALLS_HEADER,
  OWNER_HEADER,
  readCount,
} from "../../common/backend-protocol.ts";
import type { BackendEntry } from "./backends.ts";
import { callBackend, DEFAULT_BACKEND_TIMEOUT_S } from "./call-backend.ts";
import { chooseBackend, type RandomSource } from "./choose-backend.ts";

export interface Attempt {
  /** The backend's index (the number in `BACKEND_SERVICE_<i>`). */
  backend: number;
  status?: number;
  /** What the backend threw, when it threw. */
  error?: string;
}

export interface ForwardResult {
  response: Response;
  attempts: Attempt[];
  /** Index of the backend whose response is returned; null when none answered. */
  backend: number | null;
  /**
   * True when the answer is a failure every backend tried said another backend might fix (the
   * best of them, or the orchestrator's own 502): no backend took it as its final answer.
   */
  exhausted?: boolean;
}

export interface ForwardOptions {
  /** The client's request: method, URL and headers are replayed to each backend. */
  request: Request;
  /** The body, read once so every attempt can send it again. */
  body: Blob | null;
  /** Headers to set on every forwarded request (e.g. x-request-id). */
  headers?: Record<string, string>;
  backends: readonly BackendEntry[];
  random?: RandomSource;
  /** How the orchestrator's own errors are shaped for this request's API; default OpenAI's. */
  renderError?: (error: ApiError) => Response;
  /** The longest wait for one backend's response headers (BACKEND_TIMEOUT_S); default 330 s. */
  timeoutMs?: number;
  /** The client's request signal: once it fires, no backend is tried any more. */
  signal?: AbortSignal;
  /** Key affinity (affinity-routing.ts): the backend to try first, instead of one at random. */
  first?: BackendEntry;
  /** The backend holding the key with this print, when a backend names the owner of a resource. */
  ownerOf?: (print: string) => BackendEntry | undefined;
  /** Headers for the request to one backend (a merged listing tells each where it goes on). */
  headersFor?: (entry: BackendEntry) => Record<string, string>;
}

function describeError(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.slice(0, 200);
}

function toBackendRequest(
  options: ForwardOptions,
  entry: BackendEntry,
  overloadedSpent: number,
  signal: AbortSignal,
): Request {
  const headers = new Headers(options.request.headers);
  for (const [name, value] of Object.entries(options.headers ?? {})) headers.set(name, value);
  // Set by the orchestrator only, per backend.
  headers.delete(LIST_NEXT_HEADER);
  for (const [name, value] of Object.entries(options.headersFor?.(entry) ?? {})) {
    headers.set(name, value);
  }
  // Set by the orchestrator only: a client cannot claim a budget of its own.
  headers.set(OVERLOADED_CALLS_HEADER, String(overloadedSpent));
  // The same Blob each time: immutable, so what one backend reads the next is sent again, and a
  // Request holds it without copying (a buffer body would be copied per attempt).
  return new Request(options.request.url, {
    method: options.request.method,
    headers,
    body: options.body,
    signal,
  });
}

/** Nobody reads it: the client has gone. 499 is what the log line shows. */
const clientClosed = () =>
  new ApiError(499, "The client closed the request.", {
    code: "client_closed_request",
  }).toResponse();

export const allBackendsFailed = () =>
  new ApiError(502, "No backend could serve the request.", { code: "backends_unavailable" });

/**
 * Whether another backend may help, as the backend said (its FAILOVER_HEADER). An error without
 * the header did not come from the backend's own decision (a crash, a platform limit): a 5xx then
 * fails over, anything else is the answer.
 */
export function mayTryAnother(response: Response): boolean {
  const verdict = response.headers.get(FAILOVER_HEADER);
  if (verdict !== null) return verdict === "another-backend";
  return response.status >= 500;
}

/**
 * The fixed priority among backends' failures: a 429 (the shortest Retry-After first), then a 502
 * (keys rejected), then a 503, then anything else. Lower is better.
 */
function rank(response: Response): number {
  if (response.status === 429) {
    const seconds = Number(response.headers.get("retry-after") ?? Number.NaN);
    return Number.isFinite(seconds) ? Math.min(seconds, 1e9) / 1e10 : 0.5;
  }
  if (response.status === 502) return 1;
  if (response.status === 503) return 2;
  return 3;
}

/** The backend's answer without the headers meant for the orchestrator; the body passes untouched. */
/** LIST_CONTINUE_HEADER is read, then removed, by forwardWithAffinity. */
const INTERNAL_ANSWER_HEADERS = [FAILOVER_HEADER, OVERLOADED_CALLS_HEADER, OWNER_HEADER];

function forClient(response: Response): Response {
  if (!INTERNAL_ANSWER_HEADERS.some((name) => response.headers.has(name))) return response;
  const copy = new Response(response.body, response);
  for (const name of INTERNAL_ANSWER_HEADERS) copy.headers.delete(name);
  return copy;
}

const discard = (response: Response) => response.body?.cancel().catch(() => {});

/**
 * Sends the request to one backend chosen at random by weight. When it throws, or answers an
 * error it says another backend may help with, tries another one not yet tried, each backend at
 * most once, telling each how many "model overloaded" answers the request has already cost (at
 * most OVERLOADED_BUDGET in the whole topology). Any other answer — success, or an error no other
 * backend would fix — is returned as it is, its body stream untouched (streams pass through).
 * When every backend failed, the best failure by the fixed priority is returned, or a 502 when
 * none answered.
 */
export async function forwardWithFailover(options: ForwardOptions): Promise<ForwardResult> {
  const remaining = [...options.backends];
  const attempts: Attempt[] = [];
  let overloadedSpent = 0;
  let best: { response: Response; backend: number } | null = null;
  // Key affinity: the backend holding the key a request's resource names goes first.
  let next: BackendEntry | undefined = options.first;
  while (overloadedSpent < OVERLOADED_BUDGET) {
    const entry =
      next && remaining.includes(next) ? next : chooseBackend(remaining, options.random);
    next = undefined;
    if (!entry) break;
    remaining.splice(remaining.indexOf(entry), 1);
    let response: Response;
    try {
      const timeoutMs = options.timeoutMs ?? DEFAULT_BACKEND_TIMEOUT_S * 1000;
      response = await callBackend(
        entry.backend,
        (signal) => toBackendRequest(options, entry, overloadedSpent, signal),
        timeoutMs,
        options.signal,
      );
    } catch (error) {
      attempts.push({ backend: entry.index, error: describeError(error) });
      if (options.signal?.aborted) {
        if (best) await discard(best.response);
        return { response: clientClosed(), attempts, backend: null };
      }
      continue;
    }
    attempts.push({ backend: entry.index, status: response.status });
    if (response.ok || !mayTryAnother(response)) {
      if (best) await discard(best.response);
      return { response: forClient(response), attempts, backend: entry.index };
    }
    overloadedSpent = Math.max(
      overloadedSpent,
      readCount(response.headers.get(OVERLOADED_CALLS_HEADER)),
    );
    // The resource belongs to a key of another backend: that one next (the others when unknown).
    const owner = response.headers.get(OWNER_HEADER);
    if (owner) next = options.ownerOf?.(owner);
    if (!best || rank(response) < rank(best.response)) {
      if (best) await discard(best.response);
      best = { response, backend: entry.index };
    } else {
      await discard(response);
    }
  }
  if (best) {
    return { response: forClient(best.response), attempts, backend: best.backend, exhausted: true };
  }
  // No backend answered (each threw, or there was none to try).
  const error = allBackendsFailed();
  const response = options.renderError?.(error) ?? error.toResponse();
  return { response, attempts, backend: null, exhausted: true };
}
