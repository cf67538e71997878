import type { Context } from "hono";
import { badRequest } from "../../../common/api-error.ts";
import { parseModelId } from "../../gemini/model-id.ts";
import type { AppEnv } from "../../http/app-env.ts";
import { poolFor } from "../../pool/pool-from-env.ts";
import { passOn } from "./pass-on.ts";

/** A page token is Gemini's opaque text; anything longer than this is not one. */
const MAX_PAGE_TOKEN_LENGTH = 2048;

/** `GET /v1beta/models?pageSize&pageToken`: one page of Gemini's list, paged as Gemini pages it. */
export async function listModels(c: Context<AppEnv>) {
  const query: Record<string, string> = {};
  const pageSize = c.req.query("pageSize");
  if (pageSize !== undefined) {
    if (!/^\d{1,9}$/.test(pageSize)) {
      throw badRequest("pageSize", "pageSize must be a non-negative integer.");
    }
    query.pageSize = pageSize;
  }
  const pageToken = c.req.query("pageToken");
  if (pageToken) {
    if (pageToken.length > MAX_PAGE_TOKEN_LENGTH) {
      throw badRequest("pageToken", "pageToken is not one Gemini handed out.");
    }
    query.pageToken = pageToken;
  }
  const call = { kind: "list-models" as const, query, signal: c.req.raw.signal };
  return passOn(c, await poolFor(c).bytes(call));
}

/** `GET /v1beta/models/{model}`. */
export async function getModel(c: Context<AppEnv>) {
  const model = parseModelId(c.req.param("name") ?? "", "name");
  return passOn(c, await poolFor(c).bytes({ kind: "get-model", model, signal: c.req.raw.signal }));
}
