import type { Backend } from "./backends.ts";

/** BACKEND_TIMEOUT_S's default: a bit more than a backend's own UPSTREAM_TIMEOUT_S (300). */
export const DEFAULT_BACKEND_TIMEOUT_S = 330;

/** A backend kept us waiting longer than BACKEND_TIMEOUT_S for its response headers. */
export class BackendTimeoutError extends Error {
  constructor(timeoutMs: number) {
    super(`no response headers within ${timeoutMs / 1000} s (BACKEND_TIMEOUT_S)`);
    this.name = "BackendTimeoutError";
  }
}

/**
 * Sends the request `requestFor` builds (given the attempt's signal) to one backend and waits at
 * most `timeoutMs` for its response headers; on expiry the backend request is aborted and
 * BackendTimeoutError thrown (another backend may be tried). `client` — the caller's request
 * signal — aborts the backend request when the client goes away, before or after the headers,
 * so the backend stops its upstream work too.
 */
export async function callBackend(
  backend: Backend,
  requestFor: (signal: AbortSignal) => Request,
  timeoutMs: number,
  client?: AbortSignal,
): Promise<Response> {
  // One controller fed by a listener (not AbortSignal.any, whose result its sources hold only
  // weakly): the client's signal keeps it alive for as long as the request lives.
  const controller = new AbortController();
  if (client?.aborted) controller.abort(client.reason);
  client?.addEventListener("abort", () => controller.abort(client.reason), { once: true });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new BackendTimeoutError(timeoutMs);
      controller.abort(error);
      reject(error);
    }, timeoutMs);
  });
  try {
    const call = backend.fetch(requestFor(controller.signal));
    return await Promise.race([call, expired]);
  } finally {
    if (timer !== undefined) clearTimeout(timer);
  }
}
