import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { GeminiError, internalError, invalidKey, missingKey, routeNotFound } from "./errors.ts";
import { delay, readBody, sendError, sendJson } from "./http-io.ts";
import { asInteractionsError } from "./interactions-errors.ts";
import { faultFor } from "./key-faults.ts";
import type { Emulator, EmulatorOptions, RecordedRequest } from "./options.ts";
import { QuotaMode } from "./quota/quota-mode.ts";
import { handleControl } from "./routes/control.ts";
import { dispatch } from "./routes/dispatch.ts";
import { EmulatorState } from "./state.ts";

export type { Emulator, EmulatorOptions, KeyBehavior, RecordedRequest } from "./options.ts";

/** Starts a strict Gemini REST emulator over node:http; see emulator/README.md. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const state = new EmulatorState(options);
  const quota = options.quota ? new QuotaMode(options.quota) : null;
  const server = createServer((request, response) => {
    handle(state, quota, request, response).catch((error: unknown) => {
      const refusal = asGeminiError(error);
      // The Interactions API answers in its own error shape, key and quota refusals included.
      const interactions = /^\/v1beta\/interactions(\/|$)/.test(request.url ?? "");
      if (!response.headersSent) {
        sendError(response, interactions ? asInteractionsError(refusal) : refusal);
      } else response.destroy();
    });
  });
  server.keepAliveTimeout = 1000;
  const { port, host } = state.options;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${host.includes(":") ? `[${host}]` : host}:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
    setKeyBehavior: (key, behavior) => state.setKeyBehavior(key, behavior),
    setOptions: (patch) => state.setOptions(patch),
    counts: () => state.counts(),
    requests: () => state.requests(),
    aborted: () => state.aborted(),
    reset: () => {
      state.reset();
      quota?.reset();
    },
    quota,
  };
}

async function handle(
  state: EmulatorState,
  quota: QuotaMode | null,
  request: IncomingMessage,
  response: ServerResponse,
) {
  const url = new URL(request.url ?? "/", "http://emulator.invalid");
  const bodyBytes = await readBody(request);
  const bodyText = bodyBytes.toString("utf8");
  if (url.pathname.startsWith("/_emulator/")) {
    const result = handleControl(
      state,
      request.method ?? "GET",
      url.pathname.slice(11),
      parse(bodyText),
    );
    return sendJson(response, result.status, result.body);
  }
  const headerKey = request.headers["x-goog-api-key"];
  const key =
    (Array.isArray(headerKey) ? headerKey[0] : headerKey) ??
    url.searchParams.get("key") ??
    undefined;
  const upload = url.pathname.startsWith("/upload/");
  const recorded: RecordedRequest = {
    method: request.method ?? "GET",
    path: `${url.pathname}${url.search}`,
    key,
    body:
      bodyText === "" || (upload && url.searchParams.has("upload_id"))
        ? undefined
        : parse(bodyText),
    ...(key !== undefined && { project: state.projectOf(key) }),
  };
  state.record(recorded);
  // The caller hung up before the answer was complete (a cancelled client, a gateway timeout).
  response.once("close", () => {
    if (!response.writableFinished) state.recordAborted(recorded);
  });
  response.once("finish", () => {
    recorded.status = response.statusCode;
  });
  await delay(state.options.latencyMs);
  if (!/^\/(?:upload\/|download\/)?v1beta\//.test(url.pathname)) {
    throw routeNotFound(url.pathname);
  }
  if (!key) throw missingKey();
  if (!state.accepts(key)) throw invalidKey();
  const quotaRefusal = quota?.admit(key, request.method ?? "GET", url.pathname, bodyText);
  if (quotaRefusal) throw quotaRefusal;
  const behavior = state.behaviorOf(key);
  const fault = faultFor(behavior, key, url.pathname);
  if (fault) throw fault;
  const project = state.projectOf(key);
  await dispatch({ request, response, url, bodyText, bodyBytes, key, project, behavior, state });
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function asGeminiError(error: unknown): GeminiError {
  if (error instanceof GeminiError) return error;
  console.error("emulator: unexpected error", error);
  return internalError();
}
