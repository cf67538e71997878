import { invalidArgument, type SemanticProblem } from "../errors.ts";
import type { GeminiModel } from "../models/catalog.ts";
import { isGemini3, traitsOf } from "../models/traits.ts";
import { PALM_HARM_CATEGORIES } from "./request-messages.ts";
import type { GenerateContentRequest, GenerationConfig } from "./request-shapes.ts";

const MIME_TYPES = [
  "text/plain",
  "application/json",
  "application/xml",
  "application/yaml",
  "text/x.enum",
];

/** generationConfig ranges, response formats and the per-model thinking rules. */
export function checkGenerationConfig(
  config: GenerationConfig,
  model: GeminiModel,
  problems: SemanticProblem[],
) {
  const at = (field: string) => `generation_config.${field}`;
  if ((config.stopSequences?.length ?? 0) > 5) {
    problems.push({
      path: at("stop_sequences"),
      message: "the number of stop_sequences must not exceed 5",
    });
  }
  const temperature = config.temperature;
  if (temperature !== undefined && !(temperature >= 0 && temperature <= 2)) {
    problems.push({
      path: at("temperature"),
      message: "temperature must be in the range [0.0, 2.0]",
    });
  }
  if (config.topP !== undefined && !(config.topP >= 0 && config.topP <= 1)) {
    problems.push({ path: at("top_p"), message: "top_p must be in the range [0.0, 1.0]" });
  }
  if (config.topK !== undefined && config.topK < 0) {
    problems.push({ path: at("top_k"), message: "top_k must be non-negative" });
  }
  const count = config.candidateCount;
  if (count !== undefined && count !== 0 && !(count >= 1 && count <= 8)) {
    problems.push({
      path: at("candidate_count"),
      message: "candidate_count must be in the range [1, 8]",
    });
  }
  const maxTokens = config.maxOutputTokens;
  if (maxTokens !== undefined && (maxTokens < 0 || maxTokens > model.outputTokenLimit)) {
    throw invalidArgument(
      `Unable to submit request because it has a maxOutputTokens value of ${maxTokens} but the supported range is from 1 (inclusive) to ${model.outputTokenLimit + 1} (exclusive). Update the value and try again.`,
    );
  }
  const mime = config.responseMimeType;
  if (mime !== undefined && mime !== "" && !MIME_TYPES.includes(mime)) {
    problems.push({
      path: at("response_mime_type"),
      message:
        "allowed mimetypes are `text/plain`, `application/json`, `application/xml`, `application/yaml` and `text/x.enum`.",
    });
  }
  if (
    config.responseSchema !== undefined &&
    mime !== "application/json" &&
    mime !== "text/x.enum"
  ) {
    problems.push({
      path: at("response_schema"),
      message:
        "response_mime_type must be one of `application/json` or `text/x.enum` when response_schema is set.",
    });
  }
  if (config.responseJsonSchema !== undefined && mime !== "application/json") {
    problems.push({
      path: at("response_json_schema"),
      message: "response_mime_type must be `application/json` when response_json_schema is set.",
    });
  }
  if (config.responseSchema !== undefined && config.responseJsonSchema !== undefined) {
    problems.push({
      path: at("response_schema"),
      message: "response_schema and response_json_schema cannot both be set.",
    });
  }
  if (config.logprobs !== undefined && !(config.logprobs >= 0 && config.logprobs <= 20)) {
    problems.push({ path: at("logprobs"), message: "logprobs must be in the range [0, 20]" });
  }
  checkThinking(config, model);
}

/**
 * thinkingLevel xor thinkingBudget; a level only where the model lists it, a budget only where the
 * model takes one (Gemini 4: none) and within a 2.5 model's range (-1 = dynamic); no thinking at
 * all on models without it. Then the 3.6+ refusals: non-zero penalties; and the invented models'
 * refusal of sampling parameters.
 */
function checkThinking(config: GenerationConfig, model: GeminiModel) {
  const traits = traitsOf(model);
  if (traits.served.refuses.penalties && (config.presencePenalty || config.frequencyPenalty)) {
    throw invalidArgument("Penalty is not enabled for this model");
  }
  const sampling = [config.temperature, config.topP, config.topK].some(
    (value) => value !== undefined,
  );
  if (traits.served.refusesSampling && sampling) {
    throw invalidArgument("Sampling parameters are not supported for this model.");
  }
  const thinking = config.thinkingConfig;
  if (!thinking) return;
  const { thinkingBudget: budget, thinkingLevel: level } = thinking;
  const hasLevel = level !== undefined && level !== "THINKING_LEVEL_UNSPECIFIED";
  if (hasLevel && budget !== undefined) {
    throw invalidArgument("You can only set only one of thinking budget and thinking level.");
  }
  const thinks = traits.served.thinking.kind !== "none";
  if (hasLevel) {
    if (!thinks || !traits.thinkingLevels) {
      throw invalidArgument("Thinking level is not supported for this model.");
    }
    if (!traits.thinkingLevels.includes(level as never)) {
      throw invalidArgument(
        `Thinking level ${level} is not supported for this model. Please retry with other thinking level.`,
      );
    }
    return;
  }
  if (!thinks) {
    if (thinking.includeThoughts || (budget !== undefined && budget !== 0)) {
      throw invalidArgument("Thinking is not enabled for this model.");
    }
    return;
  }
  if (budget !== undefined && traits.thinkingLevels && !traits.budgetAccepted) {
    throw invalidArgument("Thinking budget is not supported for this model.");
  }
  const range = traits.budget;
  if (budget === undefined || budget === -1 || !range) return;
  if (budget === 0) {
    if (range.canDisable) return;
    throw invalidArgument("Budget 0 is invalid. This model only works in thinking mode.");
  }
  if (budget < range.min || budget > range.max) {
    throw invalidArgument(
      `The thinking budget ${budget} is invalid. Please choose a value between ${range.min} and ${range.max}.`,
    );
  }
}

/** Only Gemini's categories; civic integrity is refused by the newest models. */
export function checkSafetySettings(
  request: GenerateContentRequest,
  model: GeminiModel,
  problems: SemanticProblem[],
) {
  const refusesCivic = isGemini3(model);
  request.safetySettings?.forEach((setting, index) => {
    const category = setting.category ?? "HARM_CATEGORY_UNSPECIFIED";
    if (
      PALM_HARM_CATEGORIES.includes(category) ||
      (refusesCivic && category === "HARM_CATEGORY_CIVIC_INTEGRITY")
    ) {
      problems.push({
        path: `safety_settings[${index}].category`,
        message: `${category} is not supported for this model.`,
      });
    }
  });
}
