import { embeddingVector } from "../behaviour/embedding-vector.ts";
import { invalidPayload, invalidRequest, type SemanticProblem } from "../errors.ts";
import { sendJson } from "../http-io.ts";
import { embeddingSize, type GeminiModel } from "../models/catalog.ts";
import { checkParts } from "../validate/content-rules.ts";
import {
  BATCH_EMBED_CONTENTS_REQUEST,
  EMBED_CONTENT_REQUEST,
} from "../validate/request-messages.ts";
import type { EmbedContentRequest } from "../validate/request-shapes.ts";
import { walkMessage } from "../validate/walk-message.ts";
import { jsonBody, type RouteContext } from "./route-context.ts";

const MAX_BATCH = 100;

/** `POST /v1beta/models/{model}:embedContent`. */
export function embedContent(context: RouteContext, model: GeminiModel) {
  const { value, violations } = walkMessage(EMBED_CONTENT_REQUEST, jsonBody(context));
  if (violations.length > 0) throw invalidPayload(violations);
  const request = value as EmbedContentRequest;
  const problems: SemanticProblem[] = [];
  checkEmbedRequest(request, model, "", problems, false);
  if (problems.length > 0) throw invalidRequest("EmbedContentRequest", problems);
  sendJson(context.response, 200, { embedding: embed(request, model) });
}

/** `POST /v1beta/models/{model}:batchEmbedContents`: at most 100 requests, each naming the model. */
export function batchEmbedContents(context: RouteContext, model: GeminiModel) {
  const { value, violations } = walkMessage(BATCH_EMBED_CONTENTS_REQUEST, jsonBody(context));
  if (violations.length > 0) throw invalidPayload(violations);
  const requests = (value as { requests?: EmbedContentRequest[] }).requests ?? [];
  const problems: SemanticProblem[] = [];
  if (requests.length === 0) {
    problems.push({ path: "requests", message: "requests must not be empty" });
  }
  if (requests.length > MAX_BATCH) {
    problems.push({
      path: "requests",
      message: `at most ${MAX_BATCH} requests can be in one batch`,
    });
  }
  requests.forEach((request, index) => {
    checkEmbedRequest(request, model, `requests[${index}].`, problems, true);
  });
  if (problems.length > 0) throw invalidRequest("BatchEmbedContentsRequest", problems);
  sendJson(context.response, 200, {
    embeddings: requests.map((request) => embed(request, model)),
  });
}

function checkEmbedRequest(
  request: EmbedContentRequest,
  model: GeminiModel,
  prefix: string,
  problems: SemanticProblem[],
  modelRequired: boolean,
) {
  const expected = `models/${model.baseModelId}`;
  if (modelRequired && !request.model) {
    problems.push({ path: `${prefix}model`, message: "model is required" });
  } else if (request.model && request.model !== expected) {
    problems.push({
      path: `${prefix}model`,
      message: `Model name "${request.model}" does not match the model in the URL "${expected}".`,
    });
  }
  if (!request.content) {
    problems.push({ path: `${prefix}content`, message: "content is not specified" });
  } else {
    checkParts(request.content, `${prefix}content`, problems);
  }
  const dimensions = request.outputDimensionality;
  if (dimensions !== undefined && !(dimensions >= 1 && dimensions <= embeddingSize(model))) {
    problems.push({
      path: `${prefix}output_dimensionality`,
      message: `output_dimensionality must be in the range [1, ${embeddingSize(model)}]`,
    });
  }
  if (request.title && request.taskType !== "RETRIEVAL_DOCUMENT") {
    problems.push({
      path: `${prefix}title`,
      message: "title is only applicable when task_type is RETRIEVAL_DOCUMENT",
    });
  }
}

/** One request of an embedding batch, checked as `embedContent` checks it; throws a GeminiError. */
export function embedOne(raw: unknown, model: GeminiModel) {
  const { value, violations } = walkMessage(EMBED_CONTENT_REQUEST, raw ?? {});
  if (violations.length > 0) throw invalidPayload(violations);
  const request = value as EmbedContentRequest;
  const problems: SemanticProblem[] = [];
  checkEmbedRequest(request, model, "", problems, false);
  if (problems.length > 0) throw invalidRequest("EmbedContentRequest", problems);
  return embed(request, model);
}

function embed(request: EmbedContentRequest, model: GeminiModel) {
  const text = (request.content?.parts ?? []).map((part) => part.text ?? "").join(" ");
  const size = embeddingSize(model);
  return { values: embeddingVector(text, size, request.outputDimensionality || size) };
}
