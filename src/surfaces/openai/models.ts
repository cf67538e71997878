import type { Context } from "hono";
import { ApiError, notFound } from "../../../common/api-error.ts";
import { parseModelId } from "../../gemini/model-id.ts";
import type { GeminiModel } from "../../gemini/types.ts";
import type { AppEnv } from "../../http/app-env.ts";
import { listEveryModel } from "../../pool/list-models.ts";
import { poolFor } from "../../pool/pool-from-env.ts";
import { fromGeminiModel } from "./translate/models.ts";

/** `GET /v1/models`: every page of Gemini's model list. */
export async function listModels(c: Context<AppEnv>) {
  const models = await listEveryModel(poolFor(c));
  return c.json({ object: "list", data: models.map(fromGeminiModel) });
}

/** `GET /v1/models/{id}`. */
export async function retrieveModel(c: Context<AppEnv>) {
  const id = parseModelId(c.req.param("id") ?? "");
  try {
    const model = await poolFor(c).json<GeminiModel>({ kind: "get-model", model: id });
    return c.json(fromGeminiModel(model));
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) {
      throw notFound(`The model '${id}' does not exist.`);
    }
    throw error;
  }
}
