import type { Context } from "hono";
import { notFound, OpenAIError } from "../../common/openai-error.ts";
import { callGeminiJson } from "../gemini/client.ts";
import { geminiTargetFrom } from "../gemini/target.ts";
import type { GeminiModel } from "../gemini/types.ts";
import type { AppEnv } from "../http/app-env.ts";
import { withKeyFailover } from "../keys/key-failover.ts";
import { fromGeminiModel } from "../translate/models.ts";

interface GeminiModelPage {
  models?: GeminiModel[];
  nextPageToken?: string;
}

/** Safety stop for a misbehaving upstream that never stops handing out page tokens. */
const MAX_PAGES = 50;

/** `GET /v1/models`: every page of Gemini's model list, following `nextPageToken`. */
export async function listModels(c: Context<AppEnv>) {
  const { keys, target } = geminiTargetFrom(c.env);
  const models: GeminiModel[] = [];
  let pageToken: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const query: Record<string, string> = { pageSize: "1000" };
    if (pageToken) query.pageToken = pageToken;
    const result = await withKeyFailover(
      keys,
      (key) => callGeminiJson<GeminiModelPage>(target, key, { path: "models", query }),
      c.var.attempts,
    );
    models.push(...(result.models ?? []));
    pageToken = result.nextPageToken;
    if (!pageToken) break;
  }
  return c.json({ object: "list", data: models.map(fromGeminiModel) });
}

/** `GET /v1/models/{id}`. */
export async function retrieveModel(c: Context<AppEnv>) {
  const id = c.req.param("id")?.replace(/^models\//, "") ?? "";
  if (!/^[\w.-]+$/.test(id)) throw notFound(`The model '${id}' does not exist.`);
  const { keys, target } = geminiTargetFrom(c.env);
  try {
    const model = await withKeyFailover(
      keys,
      (key) => callGeminiJson<GeminiModel>(target, key, { path: `models/${id}` }),
      c.var.attempts,
    );
    return c.json(fromGeminiModel(model));
  } catch (error) {
    if (error instanceof OpenAIError && error.status === 404) {
      throw notFound(`The model '${id}' does not exist.`);
    }
    throw error;
  }
}
