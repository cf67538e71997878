import type { ModelRow } from "../../src/gemini/models/model-row.ts";

/** `modelStatus` of a GenerateContentResponse (@google/genai ModelStatus). */
export interface ModelStatus {
  modelStage: string;
  retirementTime?: string;
  message?: string;
}

/**
 * What the emulator says of the asked id's lifecycle in `modelStatus`, from its model table row
 * (src/gemini/models/model-table.ts), in @google/genai's ModelStage terms:
 * - preview → PREVIEW;
 * - deprecated and still answered by itself → LEGACY ("on the path to deprecation");
 * - deprecated and answered by another model (3.5 / 3.7 Flash) → DEPRECATED ("cannot be used");
 * - retired and answered by another model (2.5 Flash / Pro since 2026-12-01) → RETIRED;
 * - stable → nothing: whether Google sends STABLE is not documented, and nothing is to be done.
 * `retirementTime` is the row's shutdown date; the message is the emulator's wording (Google's
 * is not published), naming the model that answers and the replacement.
 */
export function modelStatusOf(row: ModelRow, answersAs: string): ModelStatus | undefined {
  const stage =
    row.status === "preview"
      ? "PREVIEW"
      : row.status === "retired"
        ? "RETIRED"
        : row.status === "deprecated"
          ? answersAs === row.id
            ? "LEGACY"
            : "DEPRECATED"
          : undefined;
  if (!stage) return undefined;
  const served = answersAs === row.id ? "" : ` Requests are answered by ${answersAs}.`;
  const instead = row.replacement ? ` Use ${row.replacement} instead.` : "";
  const message =
    stage === "PREVIEW"
      ? undefined
      : `${row.id} is ${stage === "RETIRED" ? "retired" : "deprecated"}.${served}${instead}`;
  return {
    modelStage: stage,
    ...(row.shutdown ? { retirementTime: `${row.shutdown}T00:00:00Z` } : {}),
    ...(message ? { message } : {}),
  };
}
