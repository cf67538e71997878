import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { redactSecrets } from "../common/key-fingerprint.ts";
import {
  asOpenAIError,
  methodNotAllowed,
  notFound,
  payloadTooLarge,
} from "../common/openai-error.ts";
import type { AppEnv } from "./http/app-env.ts";
import { corsMiddleware } from "./http/cors.ts";
import { requestLog } from "./http/request-log.ts";
import { requirePass } from "./http/require-pass.ts";
import { discoverKeys } from "./keys/discover-keys.ts";
import { chatCompletions } from "./routes/chat-completions.ts";
import { embeddings } from "./routes/embeddings.ts";
import { health } from "./routes/health.ts";
import { listModels, retrieveModel } from "./routes/models.ts";

/** Inline images and PDFs travel base64 in the body; Gemini's own inline request cap is 20 MB. */
const MAX_BODY_BYTES = 25 * 1024 * 1024;

/** The OpenAI API, mounted both at `/v1/…` and at the root. */
const api = new Hono<AppEnv>()
  .use(requirePass)
  .post("/chat/completions", chatCompletions)
  .post("/embeddings", embeddings)
  .get("/models", listModels)
  .get("/models/:id{.+}", retrieveModel);

const knownPaths = ["/chat/completions", "/embeddings", "/models", "/models/*"];
for (const path of knownPaths) {
  api.all(path, (c) => {
    throw methodNotAllowed(c.req.method, c.req.path);
  });
}

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
  .route("/v1", api)
  .route("/", api)
  .notFound((c) => notFound(`Unknown route: ${c.req.method} ${c.req.path}`).toResponse())
  .onError((error, c) => {
    const openAIError = asOpenAIError(error);
    if (openAIError.status >= 500 && openAIError.code === "internal_error") {
      const secrets = discoverKeys(c.env).map((key) => key.value);
      const message = redactSecrets(String(error), secrets).slice(0, 500);
      console.error(JSON.stringify({ requestId: c.var.requestId, error: message }));
    }
    return openAIError.toResponse({ "x-request-id": c.var.requestId ?? "" });
  });

export default app;
