import { planAnswer } from "../behaviour/plan-answer.ts";
import { toGenerateResponse } from "../behaviour/shape-response.ts";
import { GeminiError, invalidArgument } from "../errors.ts";
import { sendJson } from "../http-io.ts";
import type { GeminiModel } from "../models/catalog.ts";
import { newId, type StoredBatch } from "../resources/store.ts";
import { checkGenerateRequest, parseGenerateRequest } from "../validate/generate-request.ts";
import { checkFilesVisible, visibleCache } from "./cached-contents.ts";
import { embedOne } from "./embed.ts";
import { createGeneratedFile, visibleFile } from "./files.ts";
import { pageOf } from "./page-token.ts";
import { jsonBody, type RouteContext } from "./route-context.ts";

/**
 * Batch jobs (ai.google.dev/api/batch-api, ai.google.dev/gemini-api/docs/batch-api), per
 * project. `models/{model}:batchGenerateContent` / `:asyncBatchEmbedContent` answer a long-running
 * operation named `batches/{id}` whose metadata is the batch (state, stats, output); `batches/{id}`
 * answers the same operation, `done: true` with `response` once it has ended. A batch is
 * BATCH_STATE_PENDING for the first half of `jobMs`, BATCH_STATE_RUNNING for the second, then
 * BATCH_STATE_SUCCEEDED with its output: inline requests → `inlinedResponses`, an input file
 * (JSONL, one `{"key", "request"}` a line) → a result file `files/batch-…` (JSONL, one `{"key",
 * "response"|"error"}` a line) that `files/{id}:download` serves. A request that fails is an
 * `error` in its place, the batch still succeeds. Google expires a batch pending or running for
 * more than 48 hours (BATCH_STATE_EXPIRED, docs/batch-api).
 */

const TYPE_PREFIX = "type.googleapis.com/google.ai.generativelanguage.v1main.";
const EXPIRY_MS = 48 * 3600_000;
/** What one batch may hold inline: 20 MB of requests (docs/batch-api, "Inline requests"). */
const MAX_INLINE_BYTES = 20 * 1024 * 1024;

type Kind = "generate" | "embed";

const iso = (time: number) => new Date(time).toISOString();

/** A batch of another project, or none: the emulator's choice of Google's generic 403 (not documented). */
const batchNotVisible = () =>
  new GeminiError(403, "PERMISSION_DENIED", "The caller does not have permission");

interface BatchItem {
  key?: string;
  request: unknown;
}

/** `POST models/{model}:batchGenerateContent` (kind generate) or `:asyncBatchEmbedContent` (embed). */
export function createBatch(context: RouteContext, model: GeminiModel, kind: Kind) {
  const body = jsonBody(context) as { batch?: Record<string, unknown> };
  const batch = body.batch;
  if (typeof batch !== "object" || batch === null) {
    throw invalidArgument("batch is required.");
  }
  const input = (batch.inputConfig ?? {}) as Record<string, unknown>;
  const fileName = input.fileName ?? input.file_name;
  const inline = (input.requests as { requests?: unknown } | undefined)?.requests;
  if ((fileName === undefined) === (inline === undefined)) {
    throw invalidArgument("input_config must set exactly one of file_name or requests.");
  }
  let items: BatchItem[];
  let fromFile = false;
  if (typeof fileName === "string") {
    const file = visibleFile(context, fileName.replace(/^files\//, ""));
    items = parseJsonLines(file.bytes.toString("utf8"));
    fromFile = true;
  } else {
    if (!Array.isArray(inline) || inline.length === 0) {
      throw invalidArgument("input_config.requests.requests must not be empty.");
    }
    if (context.bodyBytes.length > MAX_INLINE_BYTES) {
      throw invalidArgument("Inline batch requests must be under 20 MB; use an input file.");
    }
    items = inline.map((entry: unknown) => {
      const item = (entry ?? {}) as { request?: unknown; metadata?: { key?: unknown } };
      return {
        ...(typeof item.metadata?.key === "string" && { key: item.metadata.key }),
        request: item.request,
      };
    });
  }
  // Resources a request names must be the project's (Google's 403s, as for generateContent).
  for (const item of items) {
    const request = (item.request ?? {}) as Record<string, unknown>;
    checkFilesVisible(context, request.contents ?? request.content);
    if (typeof request.cachedContent === "string") visibleCache(context, request.cachedContent);
  }
  const now = context.state.now();
  const id = newId(40);
  const name = `batches/${id}`;
  const metadata: Record<string, unknown> = {
    "@type": `${TYPE_PREFIX}${kind === "generate" ? "GenerateContentBatch" : "EmbedContentBatch"}`,
    model: model.name,
    displayName: typeof batch.displayName === "string" ? batch.displayName : "",
    ...(typeof fileName === "string" && { inputConfig: { fileName } }),
    createTime: iso(now),
    updateTime: iso(now),
    batchStats: { requestCount: String(items.length), pendingRequestCount: String(items.length) },
    state: "BATCH_STATE_PENDING",
    name,
  };
  const operation: Record<string, unknown> = { name, metadata };
  const jobMs = context.state.options.jobMs;
  const stored: StoredBatch = {
    project: context.project,
    operation,
    finish: null,
    createdAt: now,
    runningAt: now + jobMs / 2,
    doneAt: now + jobMs,
    expiresAt: now + EXPIRY_MS,
  };
  stored.finish = () => {
    const results = items.map((item) => runOne(context, model, kind, item.request));
    const failed = results.filter((result) => "error" in result).length;
    const done = context.state.now();
    let output: Record<string, unknown>;
    if (fromFile) {
      const lines = results.map((result, index) =>
        JSON.stringify({
          ...(items[index]?.key !== undefined && { key: items[index]?.key }),
          ...result,
        }),
      );
      const file = createGeneratedFile(
        context,
        stored.project,
        `batch-${id.slice(0, 20)}`,
        lines.join("\n"),
      );
      output = { responsesFile: file.name };
    } else {
      output = {
        inlinedResponses: {
          inlinedResponses: results.map((result, index) => ({
            ...result,
            ...(items[index]?.key !== undefined && { metadata: { key: items[index]?.key } }),
          })),
        },
      };
    }
    Object.assign(metadata, {
      state: "BATCH_STATE_SUCCEEDED",
      updateTime: iso(done),
      endTime: iso(done),
      batchStats: {
        requestCount: String(items.length),
        successfulRequestCount: String(items.length - failed),
        ...(failed > 0 && { failedRequestCount: String(failed) }),
      },
      output,
    });
    operation.done = true;
    operation.response = {
      "@type": `${TYPE_PREFIX}${kind === "generate" ? "GenerateContentBatchOutput" : "EmbedContentBatchOutput"}`,
      ...output,
    };
  };
  context.state.store.batches.set(id, stored);
  sendJson(context.response, 200, operation);
}

function parseJsonLines(text: string): BatchItem[] {
  const items: BatchItem[] = [];
  for (const [index, line] of text.split("\n").entries()) {
    if (line.trim() === "") continue;
    let parsed: { key?: unknown; request?: unknown };
    try {
      parsed = JSON.parse(line);
    } catch {
      throw invalidArgument(`Line ${index + 1} of the input file is not valid JSON.`);
    }
    items.push({
      ...(typeof parsed.key === "string" && { key: parsed.key }),
      request: parsed.request,
    });
  }
  if (items.length === 0) throw invalidArgument("The input file holds no requests.");
  return items;
}

/** One request of a batch: `{response}` or `{error}` (google.rpc.Status). */
function runOne(
  context: RouteContext,
  model: GeminiModel,
  kind: Kind,
  raw: unknown,
): { response: unknown } | { error: unknown } {
  try {
    if (kind === "embed") return { response: { embedding: embedOne(raw, model) } };
    const request = parseGenerateRequest(raw);
    checkGenerateRequest(request, model);
    const cached =
      typeof request.cachedContent === "string"
        ? visibleCache(context, request.cachedContent).tokens
        : 0;
    const caller = { project: context.project, streamed: false };
    return { response: toGenerateResponse(planAnswer(request, model, cached, caller)) };
  } catch (error) {
    if (error instanceof GeminiError) return { error: error.toJSON().error };
    throw error;
  }
}

/** The project's batch `id`, its state brought up to the clock; another's or none is a 403. */
function visibleBatch(context: RouteContext, id: string): StoredBatch {
  const batch = context.state.store.batches.get(id);
  if (!batch || batch.project !== context.project) throw batchNotVisible();
  const now = context.state.now();
  const metadata = batch.operation.metadata as Record<string, unknown>;
  if (batch.operation.done) return batch;
  if (now >= batch.expiresAt) {
    Object.assign(metadata, {
      state: "BATCH_STATE_EXPIRED",
      updateTime: iso(now),
      endTime: iso(now),
    });
    batch.operation.done = true;
  } else if (now >= batch.doneAt) {
    batch.finish?.();
    batch.finish = null;
  } else if (now >= batch.runningAt && metadata.state === "BATCH_STATE_PENDING") {
    Object.assign(metadata, { state: "BATCH_STATE_RUNNING", updateTime: iso(now) });
  }
  return batch;
}

/** `GET /v1beta/batches/{id}`. */
export function getBatch(context: RouteContext, id: string) {
  sendJson(context.response, 200, visibleBatch(context, id).operation);
}

/**
 * `POST /v1beta/batches/{id}:cancel`: `{}`; a batch not yet done ends BATCH_STATE_CANCELLED
 * (ai.google.dev/api/batch-api#method:-batches.cancel); cancelling a finished one changes nothing.
 */
export function cancelBatch(context: RouteContext, id: string) {
  const batch = visibleBatch(context, id);
  if (!batch.operation.done) {
    const now = context.state.now();
    const metadata = batch.operation.metadata as Record<string, unknown>;
    Object.assign(metadata, {
      state: "BATCH_STATE_CANCELLED",
      updateTime: iso(now),
      endTime: iso(now),
    });
    batch.operation.done = true;
    // A cancelled long-running operation's error is Code.CANCELLED (google/longrunning/operations.proto).
    batch.operation.error = { code: 1, message: "CANCELLED" };
    batch.finish = null;
  }
  sendJson(context.response, 200, {});
}

/** `DELETE /v1beta/batches/{id}`: `{}`; the batch is gone (its result file stays, as files do). */
export function deleteBatch(context: RouteContext, id: string) {
  visibleBatch(context, id);
  context.state.store.batches.delete(id);
  sendJson(context.response, 200, {});
}

/** `GET /v1beta/batches?pageSize&pageToken`: `{operations, nextPageToken}`, newest first. */
export function listBatches(context: RouteContext) {
  const { store } = context.state;
  const batches = [...store.batches.entries()]
    .filter(([, batch]) => batch.project === context.project)
    .sort(([, a], [, b]) => b.createdAt - a.createdAt)
    .map(([id]) => visibleBatch(context, id).operation);
  const { page, nextPageToken } = pageOf(batches, context.url.searchParams, {
    default: 10,
    max: 100,
  });
  sendJson(context.response, 200, {
    ...(page.length > 0 && { operations: page }),
    ...(nextPageToken && { nextPageToken }),
  });
}
