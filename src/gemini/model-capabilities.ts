import { modelFacts } from "./models/model-facts.ts";
import type { ThinkingFacts } from "./models/model-row.ts";

/**
 * What a model takes, as every surface reads it (OpenAI, Anthropic, Responses, native): the model
 * table's facts (models/model-table.ts, each row with its Google source) for the model that
 * answers the id. No rule here is a name pattern: a new model is a new row, or is derived from
 * its family and version (models/model-facts.ts). What Gemini's own 400s teach about a model is
 * applied to the request centrally, and reported (conform-request.ts), not here.
 */

export type { ThinkingLevelName } from "./models/model-row.ts";
export { THINKING_LEVELS } from "./models/model-row.ts";

export interface ModelCapabilities {
  thinking: ThinkingFacts;
  /** Whether `systemInstruction` is accepted (not on Gemma). */
  systemInstruction: boolean;
  /** Whether googleSearch may sit next to functionDeclarations (then with server-side invocations). */
  searchWithFunctions: boolean;
  /** Whether the model answers images (inlineData parts). */
  imageOutput: boolean;
  /** Whether replayed functionCall parts need a thoughtSignature. */
  thoughtSignatures: boolean;
  /** Non-zero presencePenalty / frequencyPenalty are refused. */
  refusesPenalties: boolean;
  /** A request whose last turn is the model's is refused. */
  refusesPrefill: boolean;
  /** temperature / topP / topK are accepted and ignored (Google's word). */
  ignoresSampling: boolean;
}

/** The capabilities of a model id (`models/` allowed, suffixes already parsed off). */
export function modelCapabilities(model: string): ModelCapabilities {
  const facts = modelFacts(model);
  return {
    thinking: facts.thinking,
    systemInstruction: !facts.refuses.systemInstruction,
    searchWithFunctions: facts.searchWithFunctions,
    imageOutput: facts.outputModalities.includes("IMAGE"),
    thoughtSignatures: facts.thoughtSignatures,
    refusesPenalties: facts.refuses.penalties,
    refusesPrefill: facts.refuses.prefill,
    ignoresSampling: facts.ignoresSampling,
  };
}
