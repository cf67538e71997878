import { GeminiError, invalidArgument, type SemanticProblem } from "../errors.ts";
import type { GeminiModel } from "../models/catalog.ts";
import { isGemini3, traitsOf } from "../models/traits.ts";
import { PART_DATA_FIELDS } from "./request-messages.ts";
import type { Content, Part } from "./request-shapes.ts";

/** Problems in one content's parts: every part carries exactly one non-empty datum. */
export function checkParts(content: Content, path: string, problems: SemanticProblem[]) {
  const parts = content.parts ?? [];
  if (parts.length === 0) {
    problems.push({ path: `${path}.parts`, message: "contents.parts must not be empty." });
  }
  parts.forEach((part, index) => {
    const partPath = `${path}.parts[${index}]`;
    if (!hasData(part)) {
      problems.push({
        path: `${partPath}.data`,
        message: "required oneof field 'data' must have one initialized field",
      });
    }
    for (const kind of ["functionCall", "functionResponse"] as const) {
      const named = part[kind];
      if (named && !named.name) {
        const field = kind === "functionCall" ? "function_call" : "function_response";
        problems.push({ path: `${partPath}.${field}.name`, message: "Name cannot be empty." });
      }
    }
  });
}

const hasData = (part: Part) =>
  PART_DATA_FIELDS.some((field) => {
    const datum = (part as Record<string, unknown>)[field];
    return datum !== undefined && datum !== "";
  });

/**
 * Conversation rules checked before the model runs: valid roles, function call turns placed where
 * Gemini accepts them, and Gemini 3's thought signatures on the current turn's function calls.
 */
export function checkConversation(contents: Content[], model: GeminiModel) {
  for (const content of contents) {
    if (content.role && !["user", "model", "function"].includes(content.role)) {
      throw invalidArgument("Please use a valid role: user, model.");
    }
  }
  // 3.5 Flash-Lite, 3.6 Flash and later refuse a prefill (the whats-new-gemini-3.6 page); the
  // text: LibreChat-AI/agents#323, Zoo-Code-Org/Zoo-Code#1052.
  if (traitsOf(model).served.refuses.prefill && contents.at(-1)?.role === "model") {
    throw invalidArgument("Requests ending with a model turn are not supported.");
  }
  contents.forEach((content, index) => {
    const previous = contents[index - 1];
    const calls = countParts(content, "functionCall");
    if (calls > 0 && content.role === "model" && previous?.role === "model") {
      throw invalidArgument(
        "Please ensure that function call turn comes immediately after a user turn or after a function response turn.",
      );
    }
    const responses = countParts(content, "functionResponse");
    if (responses === 0) return;
    const previousCalls = previous ? countParts(previous, "functionCall") : 0;
    if (previousCalls === 0) {
      throw invalidArgument(
        "Please ensure that function response turn comes immediately after a function call turn.",
      );
    }
    if (previousCalls !== responses) {
      throw invalidArgument(
        "Please ensure that the number of function response parts is equal to the number of function call parts of the function call turn.",
      );
    }
  });
  if (isGemini3(model)) checkThoughtSignatures(contents);
}

const countParts = (content: Content, kind: "functionCall" | "functionResponse") =>
  (content.parts ?? []).filter((part) => part[kind] !== undefined).length;

/**
 * Gemini 3 validates the current turn (everything after the last user message that is not a
 * function response): the first functionCall part of every model step needs its signature.
 */
function checkThoughtSignatures(contents: Content[]) {
  const turnStart = lastIndex(contents, (content) => isUserMessage(content));
  contents.forEach((content, index) => {
    if (index < turnStart || content.role !== "model") return;
    const firstCall = (content.parts ?? []).find((part) => part.functionCall !== undefined);
    if (firstCall && !firstCall.thoughtSignature) {
      throw new GeminiError(
        400,
        "INVALID_ARGUMENT",
        `Function call is missing a thought_signature in functionCall parts. This is required for tools to work correctly, and missing thought_signature may lead to degraded model performance. Additional data, function call \`default_api:${firstCall.functionCall?.name ?? ""}\` , position ${index + 1}. Please refer to https://ai.google.dev/gemini-api/docs/thought-signatures for more details.`,
      );
    }
  });
}

const isUserMessage = (content: Content) =>
  content.role !== "model" && !(content.parts ?? []).some((part) => part.functionResponse);

function lastIndex<T>(items: readonly T[], predicate: (item: T) => boolean) {
  for (let index = items.length - 1; index >= 0; index--) {
    const item = items[index];
    if (item !== undefined && predicate(item)) return index;
  }
  return 0;
}
