import { Hono, type MiddlewareHandler } from "hono";
import { toAnthropicErrorResponse } from "../../../common/anthropic-error.ts";
import { methodNotAllowed, notFound } from "../../../common/api-error.ts";
import { authorizeApiKey, passNotConfigured } from "../../../common/bearer.ts";
import { admit } from "../../auth/admit.ts";
import type { AppEnv } from "../../http/app-env.ts";
import { countTokens } from "./count-tokens.ts";
import { messages } from "./messages.ts";

/**
 * Errors in Anthropic's shape from here on; PASS as `x-api-key` (Anthropic's SDKs, Claude Code)
 * or `Authorization: Bearer` (ANTHROPIC_AUTH_TOKEN). `anthropic-version` and `anthropic-beta`
 * are accepted whatever they say.
 */
const anthropicRequest: MiddlewareHandler<AppEnv> = async (c, next) => {
  c.set("renderError", toAnthropicErrorResponse);
  const pass = c.env.PASS;
  if (typeof pass !== "string" || pass === "") throw passNotConfigured();
  await admit(c, authorizeApiKey(c.env, c.req.header("authorization"), c.req.header("x-api-key")));
  await next();
};

/** The Anthropic Messages API (mounted at `/v1`): `?beta=true` and any query are accepted. */
export const anthropicRoutes = new Hono<AppEnv>()
  .use("/messages", anthropicRequest)
  .use("/messages/*", anthropicRequest)
  .post("/messages", messages)
  .post("/messages/count_tokens", countTokens);

for (const path of ["/messages", "/messages/count_tokens"]) {
  anthropicRoutes.all(path, (c) => {
    throw methodNotAllowed(c.req.method, c.req.path);
  });
}
// Other /v1/messages/… paths (batches, …) end here, in Anthropic's shape, not in another surface.
anthropicRoutes.all("/messages/*", (c) => {
  throw notFound(`Unknown route: ${c.req.method} ${c.req.path}`);
});
