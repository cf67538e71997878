/**
 * The shape of one row of the model table (model-table.ts): what Google's API does with one
 * model id. Plain data, no behaviour; model-facts.ts reads it.
 */

/** Gemini's thinking levels, weakest first (ThinkingLevel in @google/genai 3.x). */
export type ThinkingLevelName = "MINIMAL" | "LOW" | "MEDIUM" | "HIGH" | "XHIGH";

export const THINKING_LEVELS: readonly ThinkingLevelName[] = [
  "MINIMAL",
  "LOW",
  "MEDIUM",
  "HIGH",
  "XHIGH",
];

export type ThinkingFacts =
  /**
   * `thinkingLevel`, one of `levels`; thinking cannot be switched off. `budgetAccepted`: whether
   * a `thinkingBudget` is still taken instead (Gemini 3 keeps it "for backwards compatibility").
   */
  | {
      kind: "levels";
      levels: readonly ThinkingLevelName[];
      default: ThinkingLevelName;
      budgetAccepted: boolean;
    }
  /** `thinkingBudget` within [min, max]; 0 switches thinking off where `canDisable`; -1 = dynamic. */
  | { kind: "budget"; min: number; max: number; canDisable: boolean }
  /** Always thinks; takes neither a level nor a budget, only includeThoughts. */
  | { kind: "fixed" }
  /** Takes no thinkingConfig at all. */
  | { kind: "none" };

/**
 * stable / preview: served as itself. deprecated: served, with a shutdown announced (or already
 * answered by another model: `reroutedTo`). retired: shut down — Google answers 404, or, with
 * `reroutedTo`, a 200 from another model whose `modelVersion` names it.
 */
export type ModelStatus = "stable" | "preview" | "deprecated" | "retired";

export type ModelKind = "text" | "image" | "speech" | "transcription" | "embedding" | "live";

export type Modality = "TEXT" | "IMAGE" | "AUDIO";

export interface ModelRow {
  id: string;
  displayName: string;
  kind: ModelKind;
  status: ModelStatus;
  /** YYYY-MM-DD. */
  released?: string;
  /** YYYY-MM-DD: the shutdown (retired), or the earliest announced one (deprecated). */
  shutdown?: string;
  /** Who answers this id instead of itself (the served model's id, named by `modelVersion`). */
  reroutedTo?: string;
  /** What Google recommends instead. */
  replacement?: string;
  /** `-latest` aliases: the model Google points them at today (it moves them). */
  aliasOf?: string;
  thinking: ThinkingFacts;
  /** What the model answers 400 for. */
  refuses: {
    /** Non-zero presencePenalty / frequencyPenalty: "Penalty is not enabled for this model". */
    penalties: boolean;
    /** contents ending with a model turn: "Requests ending with a model turn are not supported." */
    prefill: boolean;
    /** systemInstruction (Gemma): "Developer instruction is not enabled for models/…". */
    systemInstruction: boolean;
    /** functionDeclarations (Gemma): "Function calling is not enabled for models/…". */
    functions: boolean;
  };
  /** temperature, topP and topK are accepted and ignored. */
  ignoresSampling: boolean;
  /** Google Search next to function declarations (with includeServerSideToolInvocations). */
  searchWithFunctions: boolean;
  /** Replayed functionCall parts need their thoughtSignature. */
  thoughtSignatures: boolean;
  /**
   * `mediaResolution` on a part (incl. MEDIA_RESOLUTION_ULTRA_HIGH, which exists only per part) is
   * taken: Gemini 3 and Gemini 4 (https://ai.google.dev/gemini-api/docs/generate-content/media-resolution:
   * "Per part (Gemini 4 and Gemini 3 models)"). Others take only the request-wide
   * generationConfig.mediaResolution ("all multimodal models") and answer 400 "Per part media
   * resolution is not supported for this Model." (the text: langchain4j/langchain4j#4389).
   */
  partMediaResolution: boolean;
  outputModalities: readonly Modality[];
  inputTokenLimit: number;
  /** The largest maxOutputTokens the model takes (Gemini 4: all of it through long decode). */
  outputTokenLimit: number;
  /**
   * Long decode (Gemini 4): one call stops after `hopOutputTokens` (`nonStreamedHopOutputTokens`
   * for a non-streamed call) with finishReason CONTINUATION and a continuationToken to go on with.
   */
  longDecode?: { hopOutputTokens: number; nonStreamedHopOutputTokens: number };
  /** Google's page(s) this row comes from. */
  source: string;
  /** What in this row only third parties report (and where), or is assumed. */
  thirdParty?: string;
}
