import { badRequest } from "../../../../common/api-error.ts";
import { modelCapabilities } from "../../../gemini/model-capabilities.ts";
import type { ModelId } from "../../../gemini/model-id.ts";
import { checkOutputTokens } from "../../../gemini/model-limits.ts";
import { parseModelName } from "../../../gemini/model-name.ts";
import { DEFAULT_SAFETY_SETTINGS } from "../../../gemini/safety-settings.ts";
import { withSystemText } from "../../../gemini/system-instruction.ts";
import { thinkingFor, toThinkingEffort } from "../../../gemini/thinking-config.ts";
import type {
  GeminiGenerateContentRequest,
  GeminiGenerationConfig,
} from "../../../gemini/types.ts";
import type { ResolveImage } from "../../../media/data-url.ts";
import { toGeminiResponseSchema } from "../../../schema/gemini-schema.ts";
import type { ResponsesRequest } from "../validate/responses-request.ts";
import { toGeminiConversation } from "./input-items.ts";
import { LOGPROBS_INCLUDE } from "./logprobs.ts";
import { toGeminiServiceTier } from "./service-tier.ts";
import { type ToolNames, toGeminiTools } from "./tools.ts";

export interface ResponsesCall {
  model: ModelId;
  body: GeminiGenerateContentRequest;
  /** Tool names as the client declared them, to name the calls in the answer. */
  names: ToolNames;
  /** Whether the client asked for reasoning (an effort or a summary): a reasoning item is always sent then. */
  reasoning: boolean;
  /** `include: ["reasoning.encrypted_content"]`: reasoning items carry the thought signature. */
  includeEncryptedReasoning: boolean;
  /** `include: ["message.output_text.logprobs"]`: the answer's text carries its logprobs. */
  includeLogprobs: boolean;
  /** Hosted tools left out for this model (said in the `x-router-dropped-tools` header). */
  dropped: string[];
}

export interface ToResponsesCallOptions {
  defaultModel: string;
  resolveImage: ResolveImage;
}

/** A validated Responses request → the Gemini model and generateContent body. */
export async function toGeminiRequest(
  request: ResponsesRequest,
  options: ToResponsesCallOptions,
): Promise<ResponsesCall> {
  const selection = parseModelName(request.model, options.defaultModel);
  const model = selection.model;
  const capabilities = modelCapabilities(model);
  const tools = toGeminiTools(
    selection.search
      ? { ...request, tools: [...(request.tools ?? []), { type: "web_search" }] }
      : request,
    model,
  );
  const conversation = await toGeminiConversation(
    request.input ?? "",
    tools.names,
    options.resolveImage,
    capabilities.thoughtSignatures,
  );
  const instructions = [request.instructions ?? "", ...conversation.instructions].filter(
    (text) => text !== "",
  );

  const reasoning =
    request.reasoning != null &&
    (request.reasoning.effort != null || request.reasoning.summary != null);
  const generationConfig = toGenerationConfig(request, model);
  const includeLogprobs = request.include?.includes(LOGPROBS_INCLUDE) === true;
  if (includeLogprobs) {
    generationConfig.responseLogprobs = true;
    generationConfig.logprobs = request.top_logprobs ?? 0;
  }
  // A `-thinking-<level>` / `-refined-<level>` suffix wins over reasoning.effort; a summary (or
  // `-thinking-`) asks Gemini for thought summaries, which become the reasoning item's summary.
  const effort = toThinkingEffort(selection.thinking?.level ?? request.reasoning?.effort);
  const wantsSummary =
    (request.reasoning?.summary != null || selection.thinking?.includeThoughts === true) &&
    effort !== "none";
  const thinkingConfig = thinkingFor(model, {
    ...(effort && { effort }),
    ...(wantsSummary && { includeThoughts: true }),
  });
  if (thinkingConfig) generationConfig.thinkingConfig = thinkingConfig;

  if (conversation.contents.length === 0 && instructions.length === 0) {
    throw badRequest(
      "input",
      "Invalid value for 'input': at least one item with content (or 'instructions') is required.",
    );
  }
  const system = withSystemText(model, conversation.contents, instructions.join("\n\n"));
  const body: GeminiGenerateContentRequest = {
    contents: system.contents,
    ...(system.systemInstruction && { systemInstruction: system.systemInstruction }),
    ...(tools.tools && { tools: tools.tools }),
    ...(tools.toolConfig && { toolConfig: tools.toolConfig }),
    safetySettings: DEFAULT_SAFETY_SETTINGS.map((setting) => ({ ...setting })),
    ...(Object.keys(generationConfig).length > 0 && { generationConfig }),
  };
  const serviceTier = toGeminiServiceTier(request.service_tier);
  if (serviceTier) body.serviceTier = serviceTier;
  return {
    model,
    body,
    names: tools.names,
    reasoning: reasoning || selection.thinking !== undefined,
    includeEncryptedReasoning: request.include?.includes("reasoning.encrypted_content") === true,
    includeLogprobs,
    dropped: tools.dropped,
  };
}

function toGenerationConfig(request: ResponsesRequest, model: string): GeminiGenerationConfig {
  const config: GeminiGenerationConfig = {};
  if (request.temperature != null) config.temperature = request.temperature;
  if (request.top_p != null) config.topP = request.top_p;
  checkOutputTokens(model, request.max_output_tokens, "max_output_tokens");
  if (request.max_output_tokens != null) config.maxOutputTokens = request.max_output_tokens;
  const format = request.text?.format;
  if (format == null || format.type === "text") return config;
  if (format.type === "json_object") {
    config.responseMimeType = "application/json";
  } else if (format.type === "json_schema") {
    if (typeof format.schema !== "object" || format.schema === null) {
      throw badRequest("text.format.schema", "Missing required parameter: 'text.format.schema'.");
    }
    config.responseMimeType = "application/json";
    Object.assign(
      config,
      toGeminiResponseSchema(format.schema, { model, param: "text.format.schema" }),
    );
  } else {
    throw badRequest(
      "text.format.type",
      `Invalid value for 'text.format.type': expected 'text', 'json_object' or 'json_schema'.`,
    );
  }
  return config;
}
