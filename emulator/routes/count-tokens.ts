import { countPromptTokens } from "../behaviour/tokens.ts";
import { invalidArgument, invalidPayload, invalidRequest } from "../errors.ts";
import { sendJson } from "../http-io.ts";
import type { GeminiModel } from "../models/catalog.ts";
import { checkParts } from "../validate/content-rules.ts";
import { checkGenerateRequest } from "../validate/generate-request.ts";
import { COUNT_TOKENS_REQUEST } from "../validate/request-messages.ts";
import type { Content, GenerateContentRequest } from "../validate/request-shapes.ts";
import { walkMessage } from "../validate/walk-message.ts";
import { jsonBody, type RouteContext } from "./route-context.ts";

/** `POST /v1beta/models/{model}:countTokens` with `contents` or a whole `generateContentRequest`. */
export function countTokens(context: RouteContext, model: GeminiModel) {
  const { value, violations } = walkMessage(COUNT_TOKENS_REQUEST, jsonBody(context));
  if (violations.length > 0) throw invalidPayload(violations);
  const body = value as { contents?: Content[]; generateContentRequest?: GenerateContentRequest };
  if (body.contents?.length && body.generateContentRequest) {
    throw invalidArgument("contents and generate_content_request cannot both be set.");
  }
  let contents: Content[];
  if (body.generateContentRequest) {
    checkGenerateRequest(
      body.generateContentRequest,
      model,
      "CountTokensRequest.generate_content_request",
    );
    const request = body.generateContentRequest;
    contents = [
      ...(request.contents ?? []),
      ...(request.systemInstruction ? [request.systemInstruction] : []),
    ];
  } else {
    contents = body.contents ?? [];
    const problems: { path: string; message: string }[] = [];
    contents.forEach((content, index) => {
      checkParts(content, `contents[${index}]`, problems);
    });
    if (problems.length > 0) throw invalidRequest("CountTokensRequest", problems);
  }
  const tokens = countPromptTokens(contents);
  sendJson(context.response, 200, {
    totalTokens: tokens.text + tokens.media,
    promptTokensDetails: [
      { modality: "TEXT", tokenCount: tokens.text },
      ...(tokens.media ? [{ modality: "IMAGE", tokenCount: tokens.media }] : []),
    ],
  });
}
