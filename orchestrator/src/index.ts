import { toAnthropicErrorResponse } from "../../common/anthropic-error.ts";
import { isAnthropicRequest } from "../../common/anthropic-route.ts";
import { ApiError, asApiError, serviceUnavailable, unauthorized } from "../../common/api-error.ts";
import type { Principal } from "../../common/authenticate.ts";
import { authorizeApiKey, authorizeBearer } from "../../common/bearer.ts";
import { authorizeGoogleStyle, presentedCredential } from "../../common/client-credential.ts";
import { isPreflight, preflightResponse, withCors } from "../../common/cors.ts";
import { isGeminiNativeRequest } from "../../common/gemini-native-route.ts";
import {
  geminiErrorRendererFor,
  interactionsErrorEvent,
  isInteractionsPath,
} from "../../common/interactions-error.ts";
import { enforceRateLimit } from "../../common/rate-limit.ts";
import { requestIdFor } from "../../common/request-id.ts";
import { secondsSetting } from "../../common/seconds-setting.ts";
import { endBrokenStreamWithError, geminiStreamErrorEnd } from "../../common/stream-error-event.ts";
import {
  isApiRequest,
  surfaceOf,
  usageDatasetOf,
  writeUsagePoint,
} from "../../common/usage-point.ts";
import { looksLikeToken } from "../../common/user-token.ts";
import { forwardWithAffinity } from "./affinity-routing.ts";
import { type BackendPool, resolveBackends } from "./backends.ts";
import { DEFAULT_BACKEND_TIMEOUT_S } from "./call-backend.ts";
import type { Attempt } from "./forward.ts";
import { healthReport } from "./health.ts";
import { readBodyLimited } from "./read-body.ts";
import { allUnauthorized, statusReport } from "./status.ts";
import { statusPage } from "./status-page.ts";
import { usageSummary } from "./usage-summary.ts";

type Env = Record<string, unknown>;
/** The part of the ExecutionContext the orchestrator uses. */
interface WaitUntil {
  waitUntil(promise: Promise<unknown>): void;
}

const pools = new WeakMap<object, BackendPool>();

/** The backends of this environment, resolved once per env object, so a warning is logged once. */
function backendPoolOf(env: Env): BackendPool {
  let pool = pools.get(env);
  if (!pool) {
    pool = resolveBackends(env);
    if (pool.warning) console.warn(JSON.stringify({ warning: pool.warning }));
    pools.set(env, pool);
  }
  return pool;
}

const adminOnly = () =>
  new ApiError(403, "The pool's status is for the gateway's PASS, not for per-user tokens.", {
    code: "admin_only",
  });

const noBackends = () =>
  serviceUnavailable(
    "No backends are configured on the orchestrator (no BACKEND_SERVICE_<n> bindings).",
    "no_backends_configured",
  );

interface Outcome {
  response: Response;
  attempts: Attempt[];
  backend: number | null;
  /** See ForwardResult.exhausted: the answer is the orchestrator's to record in usage. */
  exhausted?: boolean;
}

/** What the orchestrator learnt about one request while routing it. */
interface RequestState {
  principal: Principal | null;
}

/** Which client API a request speaks: how it presents its credential and how its errors look. */
type ClientApi = "gemini" | "anthropic" | "openai";

function clientApiOf(request: Request, url: URL): ClientApi {
  if (isGeminiNativeRequest(request.method, url, request.headers)) return "gemini";
  if (isAnthropicRequest(request.method, url, request.headers)) return "anthropic";
  return "openai";
}

/**
 * Checks the client's credential before a subrequest is spent: with PASS set, PASS or a valid
 * per-user token, taken exactly as the backend surface that will serve the request takes it (so
 * a refusal says the same words from either); with only TOKEN_SECRET set, a token is checked here
 * and anything else is left to the backend. Null when nothing was checked.
 */
function authorize(
  request: Request,
  url: URL,
  env: Env,
  api: ClientApi,
): Promise<Principal> | null {
  if (request.method === "OPTIONS") return null;
  const passSet = typeof env.PASS === "string" && env.PASS !== "";
  if (!passSet) {
    const presented = presentedCredential(request.headers, url)?.token ?? null;
    const token = presented ?? request.headers.get("x-api-key")?.trim() ?? null;
    const secretSet = typeof env.TOKEN_SECRET === "string" && env.TOKEN_SECRET !== "";
    if (!secretSet || token === null || !looksLikeToken(token)) return null;
  }
  // Native Gemini clients send it as Google's clients send a key (x-goog-api-key or ?key=),
  // Anthropic's clients (its SDKs, Claude Code) as x-api-key or a bearer, OpenAI's as a bearer.
  const headers = request.headers;
  if (api === "gemini") return authorizeGoogleStyle(env, headers, url);
  if (api === "anthropic") {
    return authorizeApiKey(env, headers.get("authorization"), headers.get("x-api-key"));
  }
  return authorizeBearer(env, headers.get("authorization"));
}

async function route(
  request: Request,
  url: URL,
  env: Env,
  requestId: string,
  api: ClientApi,
  state: RequestState,
): Promise<Outcome> {
  const pool = backendPoolOf(env);
  const path = url.pathname;
  const none = { attempts: [], backend: null };
  // Preflights are answered here: no backend is asked and no body is read.
  if (isPreflight(request)) {
    return { response: preflightResponse(request, env.CORS_ORIGINS), ...none };
  }
  if ((request.method === "GET" || request.method === "HEAD") && path === "/health") {
    return { response: Response.json(healthReport(pool)), ...none };
  }
  if (request.method === "GET" && path === "/status") return { response: statusPage(), ...none };
  // An OPTIONS that is no preflight goes to a backend, without auth (it carries none).
  const checked = authorize(request, url, env, api);
  if (checked) {
    state.principal = await checked;
    await enforceRateLimit(env, state.principal);
  }
  if (pool.backends.length === 0) throw noBackends();
  if (request.method === "GET" && path === "/status.json") {
    if (state.principal?.kind === "token") throw adminOnly();
    return { response: await statusJson(request, pool, url, env), ...none };
  }
  const body =
    request.method === "GET" || request.method === "HEAD" ? null : await readBodyLimited(request);
  return forwardWithAffinity(
    {
      request,
      body,
      headers: { "x-request-id": requestId },
      backends: pool.backends,
      renderError:
        api === "gemini" ? (error) => geminiErrorRendererFor(url.pathname)(error) : undefined,
      timeoutMs: secondsSetting(env.BACKEND_TIMEOUT_S, DEFAULT_BACKEND_TIMEOUT_S),
      signal: request.signal,
    },
    env,
    url,
  );
}

/**
 * An SSE answer whose body, if it breaks, ends with an error event instead of a clean close: on
 * a native Gemini model stream, Gemini's own (which Google's SDKs throw on); elsewhere the event
 * the OpenAI and Anthropic SDKs throw on.
 */
function guardStream(response: Response, api: ClientApi, url: URL): Response {
  const streamed = response.headers.get("content-type")?.startsWith("text/event-stream");
  if (!streamed || !response.body) return response;
  const interactions = api === "gemini" && isInteractionsPath(url.pathname);
  const geminiModelStream = api === "gemini" && !interactions;
  const body = endBrokenStreamWithError(
    response.body,
    () => "The backend serving this stream failed before it ended; the answer is incomplete.",
    // Where the break fell is unknown: blank lines first end any event it left open.
    geminiModelStream
      ? (message) => geminiStreamErrorEnd(message, "\r\n\r\n")
      : interactions
        ? (message) =>
            new TextEncoder().encode(
              `\n\n${interactionsErrorEvent({ error: { code: "api_error", message } })}`,
            )
        : undefined,
  );
  return new Response(body, response);
}

/** `GET /status.json`: every backend's key states; 401 when no backend took the credentials. */
async function statusJson(
  request: Request,
  pool: BackendPool,
  url: URL,
  env: Env,
): Promise<Response> {
  if (!request.headers.get("authorization") && !request.headers.get("x-api-key"))
    throw unauthorized();
  const report = await statusReport(request, pool.backends, url.searchParams.get("probe") === "1");
  if (allUnauthorized(report)) throw unauthorized();
  // Read only for a caller the backends took as PASS's holder.
  const usage = await usageSummary(env);
  return Response.json(usage ? { ...report, usage } : report, {
    headers: { "cache-control": "no-store" },
  });
}

/** The same response with extra headers; the body stream is passed on, never read. */
function withHeaders(response: Response, headers: Record<string, string>): Response {
  const copy = new Response(response.body, response);
  for (const [name, value] of Object.entries(headers)) copy.headers.set(name, value);
  return copy;
}

export default {
  /**
   * The public entry point: checks PASS (when set), then hands the request to one backend chosen
   * at random in proportion to its key count, failing over to others when it cannot serve.
   */
  async fetch(request: Request, env: Env, context?: WaitUntil): Promise<Response> {
    const started = Date.now();
    const requestId = requestIdFor(request);
    const url = new URL(request.url);
    // Errors the orchestrator answers itself are shaped for the API the client speaks.
    const api = clientApiOf(request, url);
    let outcome: Outcome;
    const state: RequestState = { principal: null };
    try {
      outcome = await route(request, url, env, requestId, api, state);
    } catch (error) {
      const apiError = asApiError(error);
      if (!(error instanceof ApiError)) {
        console.error(JSON.stringify({ requestId, error: String(error).slice(0, 200) }));
      }
      const response =
        api === "gemini"
          ? geminiErrorRendererFor(url.pathname)(apiError)
          : api === "anthropic"
            ? toAnthropicErrorResponse(apiError, { "x-request-id": requestId })
            : apiError.toResponse();
      outcome = { response, attempts: [], backend: null };
    }
    const token = state.principal?.kind === "token" ? state.principal.claims : null;
    const dataset = usageDatasetOf(env);
    // The backend that gave the final answer recorded it; what no backend took as final is ours.
    const final = outcome.backend === null || outcome.exhausted;
    if (dataset && final && !isPreflight(request) && isApiRequest(url.pathname)) {
      writeUsagePoint(
        dataset,
        {
          token: token?.name ?? (state.principal ? "admin" : "-"),
          tokenId: token?.id ?? "",
          surface: surfaceOf(url.pathname, api === "gemini"),
          modelAsked: "",
          modelServed: "",
          keyFingerprint: "",
          worker: "orchestrator",
          status: outcome.response.status,
          promptTokens: 0,
          completionTokens: 0,
          thinkingTokens: 0,
          latencyMs: Date.now() - started,
        },
        (promise) => context?.waitUntil(promise),
      );
    }
    console.log(
      JSON.stringify({
        requestId,
        method: request.method,
        path: url.pathname,
        ...(token && { token: token.name }),
        backend: outcome.backend,
        attempts: outcome.attempts,
        status: outcome.response.status,
        durationMs: Date.now() - started,
      }),
    );
    // A backend's answer already echoes the request id it was given: its body passes on
    // untouched — except that a stream cut short by a dying backend must not end like a
    // finished one.
    const echoed =
      outcome.backend !== null && outcome.response.headers.get("x-request-id") === requestId;
    const response = echoed
      ? guardStream(outcome.response, api, url)
      : withHeaders(outcome.response, { "x-request-id": requestId });
    // What a browser may read is the orchestrator's CORS_ORIGINS, whatever the backend's say.
    const origin = request.headers.get("origin");
    return origin && !isPreflight(request)
      ? withCors(response, origin, env.CORS_ORIGINS)
      : response;
  },
};
