import { invalidArgument, modelNotFound } from "../errors.ts";
import { sendJson } from "../http-io.ts";
import { findModel, MODELS, rowOf, toGeminiModel } from "../models/catalog.ts";
import type { RouteContext } from "./route-context.ts";

const MAX_PAGE_SIZE = 1000;
const DEFAULT_PAGE_SIZE = 50;

/** `GET /v1beta/models`: paged by `pageSize` (capped by the `modelsPageSize` option) and an opaque `pageToken`. */
export function listModels(context: RouteContext) {
  const { searchParams } = context.url;
  const requested = Number(searchParams.get("pageSize") ?? 0);
  if (!Number.isInteger(requested) || requested < 0) {
    throw invalidArgument("Invalid page size: must be a non-negative integer.");
  }
  const cap = context.state.options.modelsPageSize ?? MAX_PAGE_SIZE;
  const pageSize = Math.max(1, Math.min(requested || DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, cap));
  const token = searchParams.get("pageToken") ?? "";
  const start = token === "" ? 0 : fromPageToken(token);
  const listed = [...MODELS, ...context.state.options.extraModels.map(toGeminiModel)];
  const page = listed.slice(start, start + pageSize);
  const next = start + pageSize;
  sendJson(context.response, 200, {
    models: page,
    ...(next < listed.length ? { nextPageToken: toPageToken(next) } : {}),
  });
}

/**
 * `GET /v1beta/models/{model}`; a shut-down model is not found. A retired id Google still answers
 * with another model (not listed any more) is still found.
 */
export function getModel(context: RouteContext, id: string) {
  const model = findModel(id, context.state.options.extraModels);
  const row = model ? rowOf(model) : undefined;
  if (!model || (row?.status === "retired" && !row.reroutedTo)) {
    throw modelNotFound(id, "getModel");
  }
  sendJson(context.response, 200, model);
}

const toPageToken = (offset: number) =>
  Buffer.from(`models-offset:${offset}`).toString("base64url");

function fromPageToken(token: string): number {
  const match = /^models-offset:(\d+)$/.exec(Buffer.from(token, "base64url").toString("utf8"));
  if (!match) throw invalidArgument("Invalid page token.");
  return Number(match[1]);
}
