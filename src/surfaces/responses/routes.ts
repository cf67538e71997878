import { Hono } from "hono";
import { methodNotAllowed, notFound } from "../../../common/api-error.ts";
import type { AppEnv } from "../../http/app-env.ts";
import { requirePass } from "../../http/require-pass.ts";
import { createResponse } from "./create-response.ts";

const NOTHING_STORED =
  "This router keeps no state: responses are never stored, so none can be retrieved, listed, cancelled or deleted. Send the whole conversation in 'input'.";

/** The OpenAI Responses surface (mounted at `/v1/…` and at the root); errors in OpenAI's shape. */
export const responsesRoutes = new Hono<AppEnv>()
  .use("/responses", requirePass)
  .use("/responses/*", requirePass)
  .post("/responses", createResponse)
  .all("/responses", (c) => {
    throw methodNotAllowed(c.req.method, c.req.path);
  })
  .all("/responses/*", () => {
    throw notFound(NOTHING_STORED);
  });
