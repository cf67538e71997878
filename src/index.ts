import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { toAnthropicErrorResponse } from "../common/anthropic-error.ts";
import { isAnthropicRequest } from "../common/anthropic-route.ts";
import { asApiError, notFound, payloadTooLarge } from "../common/api-error.ts";
import { FAILOVER_HEADER } from "../common/backend-protocol.ts";
import { MAX_BODY_BYTES } from "../common/body-limit.ts";
import { isGeminiNativeRequest } from "../common/gemini-native-route.ts";
import { geminiErrorRendererFor } from "../common/interactions-error.ts";
import { redactSecrets } from "../common/key-fingerprint.ts";
import type { AppEnv } from "./http/app-env.ts";
import { corsMiddleware } from "./http/cors.ts";
import { requestLog } from "./http/request-log.ts";
import { requirePass } from "./http/require-pass.ts";
import { discoverKeys } from "./pool/discover-keys.ts";
import { health } from "./routes/health.ts";
import { internalOnly, internalStatus } from "./routes/internal-status.ts";
import { anthropicRoutes } from "./surfaces/anthropic/routes.ts";
import { geminiNativeRoutes } from "./surfaces/gemini-native/routes.ts";
import { openAIRoutes } from "./surfaces/openai/routes.ts";
import { responsesRoutes } from "./surfaces/responses/routes.ts";

const app = new Hono<AppEnv>()
  .use(requestLog)
  .use(corsMiddleware)
  .use(
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () => {
        throw payloadTooLarge(MAX_BODY_BYTES);
      },
    }),
  )
  .get("/health", health)
  .get("/_internal/status", internalOnly, requirePass, internalStatus)
  // Before the OpenAI surface: its PASS check (bearer only) would otherwise run on /v1/messages.
  .route("/v1", anthropicRoutes)
  // Google's OpenAI-compatible base URL (`/v1beta/openai/`): the OpenAI surface, not Gemini's.
  .route("/v1beta/openai", openAIRoutes)
  .route("/v1beta", geminiNativeRoutes)
  .route("/upload/v1beta", geminiNativeRoutes)
  .route("/upload/v1", geminiNativeRoutes)
  .route("/download/v1beta", geminiNativeRoutes)
  .route("/download/v1", geminiNativeRoutes)
  // `/v1` is both APIs' prefix: the Gemini surface takes only its own requests (Gemini-style auth,
  // Gemini-only paths; see isGeminiNativeRequest) and leaves the rest to the OpenAI surface.
  .route("/v1", geminiNativeRoutes)
  .route("/v1", responsesRoutes)
  .route("/", responsesRoutes)
  .route("/v1", openAIRoutes)
  .route("/", openAIRoutes)
  .notFound((c) => notFound(`Unknown route: ${c.req.method} ${c.req.path}`).toResponse())
  .onError((error, c) => {
    const apiError = asApiError(error);
    if (apiError.status >= 500 && apiError.code === "internal_error") {
      const secrets = discoverKeys(c.env).map((key) => key.value);
      const message = redactSecrets(String(error), secrets).slice(0, 500);
      console.error(JSON.stringify({ requestId: c.var.requestId, error: message }));
    }
    // The orchestrator fails over only when the error says another backend may help.
    const headers = {
      "x-request-id": c.var.requestId ?? "",
      [FAILOVER_HEADER]: apiError.headers[FAILOVER_HEADER] ?? "no",
    };
    // A body refused before any surface ran (413) still gets the shape of the API it was for.
    const render =
      c.var.renderError ??
      (isGeminiNativeRequest(c.req.method, new URL(c.req.url), c.req.raw.headers)
        ? geminiErrorRendererFor(c.req.path)
        : isAnthropicRequest(c.req.method, new URL(c.req.url), c.req.raw.headers)
          ? toAnthropicErrorResponse
          : null);
    return render?.(apiError, headers) ?? apiError.toResponse(headers);
  });

export default app;
