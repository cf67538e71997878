import { type Context, type Handler, Hono, type MiddlewareHandler } from "hono";
import { toAnthropicErrorResponse } from "../../../common/anthropic-error.ts";
import { isAnthropicRequest } from "../../../common/anthropic-route.ts";
import { methodNotAllowed, notFound } from "../../../common/api-error.ts";
import { authorizeApiKey, passNotConfigured } from "../../../common/bearer.ts";
import { admit } from "../../auth/admit.ts";
import type { AppEnv } from "../../http/app-env.ts";
import { countTokens } from "./count-tokens.ts";
import { messages } from "./messages.ts";
import { listAnthropicModels, retrieveAnthropicModel } from "./models.ts";

/**
 * Errors in Anthropic's shape from here on; PASS as `x-api-key` (Anthropic's SDKs, Claude Code)
 * or `Authorization: Bearer` (ANTHROPIC_AUTH_TOKEN). `anthropic-version` and `anthropic-beta`
 * are accepted whatever they say.
 */
async function authorize(c: Context<AppEnv>) {
  c.set("renderError", toAnthropicErrorResponse);
  const pass = c.env.PASS;
  if (typeof pass !== "string" || pass === "") throw passNotConfigured();
  await admit(c, authorizeApiKey(c.env, c.req.header("authorization"), c.req.header("x-api-key")));
}

const anthropicRequest: MiddlewareHandler<AppEnv> = async (c, next) => {
  await authorize(c);
  await next();
};

/**
 * `/v1/models` is shared with the OpenAI and Gemini surfaces: `handler` runs only for Anthropic's
 * clients (see isAnthropicRequest); other requests go on to the surfaces mounted after this one.
 */
const forAnthropic =
  (handler: Handler<AppEnv>): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    if (!isAnthropicRequest(c.req.method, new URL(c.req.url), c.req.raw.headers)) return next();
    await authorize(c);
    return handler(c, next);
  };

/**
 * The Anthropic Messages API (mounted at `/v1`): `?beta=true` and any query are accepted; and the
 * Models API for requests that carry `anthropic-version`.
 */
export const anthropicRoutes = new Hono<AppEnv>()
  .use("/messages", anthropicRequest)
  .use("/messages/*", anthropicRequest)
  .post("/messages", messages)
  .post("/messages/count_tokens", countTokens)
  .get("/models", forAnthropic(listAnthropicModels))
  .get("/models/:id{[^/]+}", forAnthropic(retrieveAnthropicModel));

for (const path of ["/messages", "/messages/count_tokens"]) {
  anthropicRoutes.all(path, (c) => {
    throw methodNotAllowed(c.req.method, c.req.path);
  });
}
// Other /v1/messages/… paths (batches, …) end here, in Anthropic's shape, not in another surface.
anthropicRoutes.all("/messages/*", (c) => {
  throw notFound(`Unknown route: ${c.req.method} ${c.req.path}`);
});
