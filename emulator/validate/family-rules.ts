import { invalidArgument } from "../errors.ts";
import type { GeminiModel } from "../models/catalog.ts";
import { mediaFactsOf } from "../models/media-models.ts";
import { traitsOf } from "../models/traits.ts";
import type { GenerateContentRequest, Tool } from "./request-shapes.ts";

const BUILT_IN_TOOLS = [
  "googleSearch",
  "googleSearchRetrieval",
  "codeExecution",
  "urlContext",
  "googleMaps",
  "fileSearch",
] as const;

const hasBuiltIn = (tool: Tool) => BUILT_IN_TOOLS.some((name) => tool[name] !== undefined);

/**
 * What a model family refuses whatever the fields say: Gemma takes no system instruction and no
 * function declarations; built-in tools (Google Search, code execution, ...) together with
 * function declarations only on Gemini 3 with `toolConfig.includeServerSideToolInvocations`;
 * function calling with JSON output only on Gemini 3; image output only from image models;
 * `mediaResolution` on a part only on Gemini 3 and 4.
 */
export function checkModelFamily(request: GenerateContentRequest, model: GeminiModel) {
  const traits = traitsOf(model);
  const tools = request.tools ?? [];
  const declares = tools.some((tool) => (tool.functionDeclarations?.length ?? 0) > 0);
  // Per part only on Gemini 4 and Gemini 3
  // (https://ai.google.dev/gemini-api/docs/generate-content/media-resolution); the text from
  // langchain4j/langchain4j#4389 (gemini-2.0-flash-lite).
  if (!traits.partMediaResolution && hasPartMediaResolution(request)) {
    throw invalidArgument("Per part media resolution is not supported for this Model.");
  }
  if (traits.gemma) {
    if (request.systemInstruction) {
      throw invalidArgument(`Developer instruction is not enabled for ${model.name}`);
    }
    if (declares) throw invalidArgument(`Function calling is not enabled for ${model.name}`);
  }
  if (declares && tools.some(hasBuiltIn)) {
    const combines =
      traits.thirdGeneration && request.toolConfig?.includeServerSideToolInvocations === true;
    if (!combines)
      throw invalidArgument("Tool use with function calling is unsupported by the model.");
  }
  const modalities = request.generationConfig?.responseModalities ?? [];
  const unsupported = modalities.some(
    (modality) =>
      (modality === "AUDIO" && !traits.audioOutput && mediaFactsOf(model)?.kind !== "speech") ||
      (modality === "IMAGE" && !traits.imageOutput),
  );
  if (unsupported) {
    const requested = modalities.map((modality) => modality.toLowerCase()).sort();
    throw invalidArgument(
      `Model does not support the requested response modalities: ${requested.join(",")}`,
    );
  }
  if (
    declares &&
    !traits.thirdGeneration &&
    request.generationConfig?.responseMimeType === "application/json"
  ) {
    throw invalidArgument(
      "Function calling with a response mime type: 'application/json' is unsupported",
    );
  }
}

function hasPartMediaResolution(request: GenerateContentRequest): boolean {
  const contents = [...(request.contents ?? []), request.systemInstruction ?? {}];
  return contents.some((content) =>
    (content.parts ?? []).some((part) => part.mediaResolution !== undefined),
  );
}
