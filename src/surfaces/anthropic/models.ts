import type { Context } from "hono";
import { ApiError, badRequest, notFound } from "../../../common/api-error.ts";
import type { GeminiModel } from "../../gemini/types.ts";
import type { AppEnv } from "../../http/app-env.ts";
import { listEveryModel } from "../../pool/list-models.ts";
import { poolFor } from "../../pool/pool-from-env.ts";
import { selectModel } from "./messages.ts";
import { type PageQuery, toAnthropicModel, toModelPage } from "./translate/models.ts";

/** Anthropic's limits for `limit` (default 20, at most 1000). */
const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 1000;

/**
 * `GET /v1/models` for Anthropic's clients: the Gemini models that generate content (what
 * `/v1/messages` can be asked for), in Anthropic's shape and paging (`limit`, `after_id`,
 * `before_id`).
 */
export async function listAnthropicModels(c: Context<AppEnv>) {
  const query = readPageQuery(c);
  const models = (await listEveryModel(poolFor(c)))
    .filter((model) => model.supportedGenerationMethods?.includes("generateContent") ?? true)
    .map((model) => toAnthropicModel(model));
  return c.json(toModelPage(models, query));
}

/**
 * `GET /v1/models/{id}`: a Gemini id, or a Claude name resolved through ANTHROPIC_MODEL_MAP (the
 * answer keeps the name asked for and says which Gemini model serves it).
 */
export async function retrieveAnthropicModel(c: Context<AppEnv>) {
  const id = c.req.param("id") ?? "";
  const selection = selectModel(c, id);
  let model: GeminiModel;
  try {
    model = await poolFor(c).json<GeminiModel>({ kind: "get-model", model: selection.model });
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) {
      throw notFound(`model: '${id.slice(0, 128)}' was not found.`);
    }
    throw error;
  }
  const geminiId = model.name.replace(/^models\//, "");
  const asked = id.toLowerCase().replace(/^models\//, "") === geminiId ? geminiId : id;
  return c.json(toAnthropicModel(model, asked));
}

function readPageQuery(c: Context<AppEnv>): PageQuery {
  const raw = c.req.query("limit");
  let limit = DEFAULT_LIMIT;
  if (raw !== undefined) {
    limit = Number(raw);
    if (!/^\d+$/.test(raw) || limit < 1 || limit > MAX_LIMIT) {
      throw badRequest("limit", `limit: must be an integer from 1 to ${MAX_LIMIT}.`);
    }
  }
  const afterId = c.req.query("after_id");
  const beforeId = c.req.query("before_id");
  if (afterId !== undefined && beforeId !== undefined) {
    throw badRequest("after_id", "after_id and before_id cannot both be given.");
  }
  return {
    limit,
    ...(afterId !== undefined && { afterId }),
    ...(beforeId !== undefined && { beforeId }),
  };
}
