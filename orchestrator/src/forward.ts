import { ApiError } from "../../common/api-error.ts";
import type { BackendEntry } from "./backends.ts";
import { chooseBackend, type RandomSource } from "./choose-backend.ts";

/**
 * Statuses meaning "this backend cannot serve now": another backend may. 529 is how the Anthropic
 * surface says "overloaded" (503 elsewhere).
 */
export const FAILOVER_STATUSES: ReadonlySet<number> = new Set([429, 502, 503, 504, 529]);

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
  /** Index of the backend whose response is returned; null when the last attempt threw. */
  backend: number | null;
}

export interface ForwardOptions {
  /** The client's request: method, URL and headers are replayed to each backend. */
  request: Request;
  /** The body, read once so every attempt can send it again. */
  body: ArrayBuffer | null;
  /** Headers to set on every forwarded request (e.g. x-request-id). */
  headers?: Record<string, string>;
  backends: readonly BackendEntry[];
  random?: RandomSource;
  /** How the orchestrator's own errors are shaped for this request's API; default OpenAI's. */
  renderError?: (error: ApiError) => Response;
}

function describeError(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.slice(0, 200);
}

function toBackendRequest(options: ForwardOptions): Request {
  const headers = new Headers(options.request.headers);
  for (const [name, value] of Object.entries(options.headers ?? {})) headers.set(name, value);
  // A fresh copy each time: a backend may consume (or a runtime detach) the bytes it was given.
  const body = options.body === null ? null : options.body.slice(0);
  return new Request(options.request.url, { method: options.request.method, headers, body });
}

export const allBackendsFailed = () =>
  new ApiError(502, "No backend could serve the request.", { code: "backends_unavailable" });

/**
 * Sends the request to one backend chosen at random by weight; if it throws or answers a
 * FAILOVER_STATUSES status, tries another one not yet tried, each backend at most once. Any other
 * answer — success, or a client error like 400/401/404 — is returned as it is, its body stream
 * untouched (streams pass through). When every backend failed, the last response is returned, or
 * a 502 when the last attempt threw.
 */
export async function forwardWithFailover(options: ForwardOptions): Promise<ForwardResult> {
  const remaining = [...options.backends];
  const attempts: Attempt[] = [];
  for (;;) {
    const entry = chooseBackend(remaining, options.random);
    if (!entry) break;
    remaining.splice(remaining.indexOf(entry), 1);
    let response: Response;
    try {
      response = await entry.backend.fetch(toBackendRequest(options));
    } catch (error) {
      attempts.push({ backend: entry.index, error: describeError(error) });
      continue;
    }
    attempts.push({ backend: entry.index, status: response.status });
    if (!FAILOVER_STATUSES.has(response.status) || remaining.length === 0) {
      return { response, attempts, backend: entry.index };
    }
    // Another backend will answer instead; free this one's connection.
    await response.body?.cancel().catch(() => {});
  }
  // Only reached when the last backend tried threw (or there was none to try).
  const error = allBackendsFailed();
  const response = options.renderError?.(error) ?? error.toResponse();
  return { response, attempts, backend: null };
}
