import {
  invalidArgument,
  invalidPayload,
  invalidRequest,
  type SemanticProblem,
} from "../errors.ts";
import type { GeminiModel } from "../models/catalog.ts";
import { checkGenerationConfig, checkSafetySettings } from "./config-rules.ts";
import { checkConversation, checkParts } from "./content-rules.ts";
import { checkModelFamily } from "./family-rules.ts";
import { checkMediaRequest } from "./media-rules.ts";
import { GENERATE_CONTENT_REQUEST } from "./request-messages.ts";
import type { GenerateContentRequest } from "./request-shapes.ts";
import { checkTools } from "./tool-rules.ts";
import { walkMessage } from "./walk-message.ts";

/** Stage one, before the model is looked up: the JSON must parse as a GenerateContentRequest. */
export function parseGenerateRequest(json: unknown): GenerateContentRequest {
  const { value, violations } = walkMessage(GENERATE_CONTENT_REQUEST, json);
  if (violations.length > 0) throw invalidPayload(violations);
  return value as GenerateContentRequest;
}

/** Stage two: the checks Gemini's backend makes for this model. Throws a GeminiError. */
export function checkGenerateRequest(
  request: GenerateContentRequest,
  model: GeminiModel,
  requestName = "GenerateContentRequest",
): void {
  const problems: SemanticProblem[] = [];
  const contents = request.contents ?? [];
  if (contents.length === 0) {
    problems.push({ path: "contents", message: "contents is not specified" });
  }
  contents.forEach((content, index) => {
    checkParts(content, `contents[${index}]`, problems);
  });
  if (request.systemInstruction) {
    checkParts(request.systemInstruction, "system_instruction", problems);
  }
  if (request.cachedContent !== undefined && !request.cachedContent.startsWith("cachedContents/")) {
    problems.push({ path: "cached_content", message: "must be of the form cachedContents/{id}" });
  }
  checkTools(request, problems);
  if (request.generationConfig) checkGenerationConfig(request.generationConfig, model, problems);
  checkSafetySettings(request, model, problems);
  if (problems.length > 0) throw invalidRequest(requestName, problems);

  if (
    request.cachedContent &&
    (request.systemInstruction || request.tools?.length || request.toolConfig)
  ) {
    throw invalidArgument(
      "CachedContent can not be used with GenerateContent request setting system_instruction, tools or tool_config.\n\nProposed fix: move those values to CachedContent from GenerateContent request.",
    );
  }
  checkMediaRequest(request, model);
  checkModelFamily(request, model);
  checkConversation(contents, model);
}
