import { modelNotFound, routeNotFound } from "../errors.ts";
import { findModel, type GeminiModel, supports } from "../models/catalog.ts";
import { checkGenerateRequest, parseGenerateRequest } from "../validate/generate-request.ts";
import { countTokens } from "./count-tokens.ts";
import { batchEmbedContents, embedContent } from "./embed.ts";
import { generateContent, streamGenerateContent } from "./generate.ts";
import { getModel, listModels } from "./models.ts";
import { jsonBody, type RouteContext } from "./route-context.ts";

const MODEL_PATH = /^\/v1beta\/models\/([^:/]+)(?::([A-Za-z]+))?$/;

/** Routes an authenticated `/v1beta/...` request. Throws GeminiError for every refusal. */
export async function dispatch(context: RouteContext): Promise<void> {
  const method = context.request.method ?? "GET";
  const path = decodeURIComponent(context.url.pathname);
  if (path === "/v1beta/models" && method === "GET") return listModels(context);
  const match = MODEL_PATH.exec(path);
  if (!match) throw routeNotFound(context.url.pathname);
  const [, id = "", action] = match;
  if (action === undefined) {
    if (method !== "GET") throw routeNotFound(context.url.pathname);
    return getModel(context, id);
  }
  if (method !== "POST") throw routeNotFound(context.url.pathname);
  switch (action) {
    case "generateContent":
    case "streamGenerateContent": {
      const request = parseGenerateRequest(jsonBody(context));
      const model = modelFor(id, action);
      checkGenerateRequest(request, model);
      if (action === "generateContent") return generateContent(context, model, request);
      return streamGenerateContent(context, model, request);
    }
    case "embedContent":
      return embedContent(context, modelFor(id, action));
    case "batchEmbedContents":
      return batchEmbedContents(context, modelFor(id, action));
    case "countTokens":
      return countTokens(context, modelFor(id, action));
    default:
      throw routeNotFound(context.url.pathname);
  }
}

function modelFor(id: string, action: string): GeminiModel {
  const model = findModel(id);
  if (!model || !supports(model, action)) throw modelNotFound(id, action);
  return model;
}
