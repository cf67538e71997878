import type { GeminiModel } from "../gemini/types.ts";
import type { GeminiPool } from "./gemini-pool.ts";

interface GeminiModelPage {
  models?: GeminiModel[];
  nextPageToken?: string;
}

/** Safety stop for a misbehaving upstream that never stops handing out page tokens. */
const MAX_PAGES = 50;

/** Every page of Gemini's model list, following `nextPageToken` (the surfaces that list all). */
export async function listEveryModel(pool: GeminiPool): Promise<GeminiModel[]> {
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
  return models;
}
