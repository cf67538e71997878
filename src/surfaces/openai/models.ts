import type { Context } from "hono";
import { ApiError, notFound } from "../../../common/api-error.ts";
import { parseModelId } from "../../gemini/model-id.ts";
import type { GeminiModel } from "../../gemini/types.ts";
import type { AppEnv } from "../../http/app-env.ts";
import { poolFor } from "../../pool/pool-from-env.ts";
import { fromGeminiModel } from "./translate/models.ts";

interface GeminiModelPage {
  models?: GeminiModel[];
  nextPageToken?: string;
}

/** Safety stop for a misbehaving upstream that never stops handing out page tokens. */
const MAX_PAGES = 50;

/** `GET /v1/models`: every page of Gemini's model list, following `nextPageToken`. */
export async function listModels(c: Context<AppEnv>) {
  const pool = poolFor(c);
  const models: GeminiModel[] = [];
  let pageToken: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const query: Record<string, string> = { pageSize: "1000" };
    if (pageToken) query.pageToken = pageToken;
    const result = await pool.json<GeminiModelPage>({ kind: "list-models", query });
    models.push(...(result.models ?? []));
    pageToken = result.nextPageToken;
    if (!pageToken) break;
  }
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
