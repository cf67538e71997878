import { invalidArgument, modelNotFound } from "../errors.ts";
import { sendJson } from "../http-io.ts";
import { findModel, MODELS } from "../models/catalog.ts";
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
  const page = MODELS.slice(start, start + pageSize);
  const next = start + pageSize;
  sendJson(context.response, 200, {
    models: page,
    ...(next < MODELS.length ? { nextPageToken: toPageToken(next) } : {}),
  });
}

/** `GET /v1beta/models/{model}`. */
export function getModel(context: RouteContext, id: string) {
  const model = findModel(id);
  if (!model) throw modelNotFound(id, "getModel");
  sendJson(context.response, 200, model);
}

const toPageToken = (offset: number) =>
  Buffer.from(`models-offset:${offset}`).toString("base64url");

function fromPageToken(token: string): number {
  const match = /^models-offset:(\d+)$/.exec(Buffer.from(token, "base64url").toString("utf8"));
  if (!match) throw invalidArgument("Invalid page token.");
  return Number(match[1]);
}
