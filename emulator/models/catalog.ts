/**
 * The models the emulator knows, built from the gateway's model table
 * (src/gemini/models/model-table.ts: one row per id Google answers or retired, each with its
 * Google source) and shaped like the real `models.list` entries. Retired ids stay findable (they
 * answer 404 "no longer available", or a 200 from the model they are rerouted to) but are not
 * listed. Tests may add models the table has never seen (`extraModels`, an emulator option).
 * The rules that depend on a model read `traits.ts`.
 */

import type { ModelRow } from "../../src/gemini/models/model-row.ts";
import { MODEL_TABLE } from "../../src/gemini/models/model-table.ts";

export interface GeminiModel {
  name: string;
  baseModelId: string;
  version: string;
  displayName: string;
  description: string;
  inputTokenLimit: number;
  outputTokenLimit: number;
  supportedGenerationMethods: string[];
  temperature?: number;
  topP?: number;
  topK?: number;
  maxTemperature?: number;
  thinking?: boolean;
}

/**
 * A model the emulator invents for a test, with rules no table row has: a row, plus refusals no
 * real model makes today (Gemini's wording for them is the emulator's invention, see README).
 */
export interface InventedModel extends ModelRow {
  /** temperature / topP / topK refused: "Sampling parameters are not supported for this model." */
  refusesSampling?: boolean;
}

const ROW_OF = new WeakMap<GeminiModel, InventedModel>();

const TEXT_METHODS = [
  "generateContent",
  "countTokens",
  "createCachedContent",
  "batchGenerateContent",
];

function methodsOf(row: ModelRow): string[] {
  if (row.kind === "embedding") {
    return row.id === "text-embedding-004"
      ? ["embedContent"]
      : ["embedContent", "countTextTokens", "countTokens", "asyncBatchEmbedContent"];
  }
  if (row.kind === "live") return ["bidiGenerateContent", "countTokens"];
  if (row.kind === "speech" || row.kind === "transcription" || row.refuses.systemInstruction) {
    return ["generateContent", "countTokens"];
  }
  // Image models and Gemini 4 (implicit caching only) take no createCachedContent.
  if (row.kind === "image" || row.longDecode) {
    return TEXT_METHODS.filter((method) => method !== "createCachedContent");
  }
  return TEXT_METHODS;
}

/** The `models.list` entry of a row. */
export function toGeminiModel(row: InventedModel): GeminiModel {
  const embedding = row.kind === "embedding";
  const model: GeminiModel = {
    name: `models/${row.id}`,
    baseModelId: row.id,
    version: row.status === "preview" ? row.id.replace(/^gemini-/, "") : "001",
    displayName: row.displayName,
    description: embedding ? "Obtain a distributed representation of a text." : row.displayName,
    inputTokenLimit: row.inputTokenLimit,
    outputTokenLimit: row.outputTokenLimit,
    supportedGenerationMethods: methodsOf(row),
    ...(embedding ? {} : { temperature: 1, topP: 0.95, topK: 64 }),
    ...(embedding || row.refuses.systemInstruction ? {} : { maxTemperature: 2 }),
    ...(row.thinking.kind === "none" ? {} : { thinking: true }),
  };
  ROW_OF.set(model, row);
  return model;
}

/** Every id of the table, retired ones included. */
const CATALOG: readonly GeminiModel[] = MODEL_TABLE.map(toGeminiModel);

/** What `models.list` answers: every model that is not retired. */
export const MODELS: readonly GeminiModel[] = CATALOG.filter(
  (model) => rowOf(model).status !== "retired",
);

/** The row a catalog entry was built from. */
export function rowOf(model: GeminiModel): InventedModel {
  const row = ROW_OF.get(model);
  if (!row) throw new Error(`${model.name} was not built from a model row`);
  return row;
}

const invented = new WeakMap<readonly InventedModel[], GeminiModel[]>();

/** A model by id (`models/` allowed): the table's, or one of the test's `extra` models. */
export function findModel(
  id: string,
  extra: readonly InventedModel[] = [],
): GeminiModel | undefined {
  const bare = id.startsWith("models/") ? id.slice("models/".length) : id;
  let extraModels = invented.get(extra);
  if (!extraModels) {
    extraModels = extra.map(toGeminiModel);
    invented.set(extra, extraModels);
  }
  return (
    extraModels.find((model) => model.baseModelId === bare) ??
    CATALOG.find((model) => model.baseModelId === bare)
  );
}

/** The catalog entry of a table id (for the model a retired id is rerouted to). */
export const catalogModel = (id: string) => CATALOG.find((model) => model.baseModelId === id);

export const supports = (model: GeminiModel, method: string) =>
  model.supportedGenerationMethods.includes(method) ||
  (method === "streamGenerateContent" &&
    model.supportedGenerationMethods.includes("generateContent")) ||
  (method === "batchEmbedContents" && model.supportedGenerationMethods.includes("embedContent"));

/** Embedding width before `outputDimensionality`. */
export const embeddingSize = (model: GeminiModel) =>
  model.baseModelId === "text-embedding-004" ? 768 : 3072;

/**
 * Long decode per model id, from the model table's `longDecode` (Gemini 4: 65,536 output tokens
 * per streamed call, 32,768 per non-streamed one;
 * https://ai.google.dev/gemini-api/docs/generate-content/long-decode), kept beside the catalog
 * (never in the `models.list` shape).
 */
export const LONG_DECODE: Readonly<
  Record<string, { hopOutputTokens: number; nonStreamedHopOutputTokens: number }>
> = Object.fromEntries(
  MODEL_TABLE.flatMap((row) => (row.longDecode ? [[row.id, row.longDecode]] : [])),
);
