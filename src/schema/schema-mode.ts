/**
 * How a model takes a schema.
 * - `json-schema`: `FunctionDeclaration.parametersJsonSchema` and
 *   `GenerationConfig.responseJsonSchema`, which take JSON Schema itself ($ref/$defs, anyOf,
 *   prefixItems, additionalProperties, integer enums, `type: "null"`). Google added JSON Schema
 *   "to all actively supported Gemini models" (Gemini API announcement, 2025-11-05); before that
 *   parametersJsonSchema already worked on gemini-2.0-flash-001 (googleapis/python-genai#1147);
 *   @google/genai's `mcpToTool` and the Gemini CLI send every tool schema this way.
 * - `openapi`: the OpenAPI-subset `Schema` in `parameters` / `responseSchema`, for the models the
 *   above does not name: Gemini 1.x, Gemma, LearnLM, tuned and unknown models, and the Live /
 *   native-audio models, which ignore parametersJsonSchema (python-genai#1147, livekit/agents#3135).
 */
export type SchemaMode = "json-schema" | "openapi";

/** gemini-2.x, gemini-3.x and later, and the gemini-*-latest / gemini-exp aliases. */
const JSON_SCHEMA_MODELS =
  /^gemini-(?:[2-9]|[1-9][0-9])(?:\.[0-9]+)?-|^gemini-(?:[a-z]+-)*latest$|^gemini-exp-/;
const LIVE_MODELS = /(?:^|-)live(?:-|$)|native-audio/;

export function schemaModeFor(model: string): SchemaMode {
  const id = model.startsWith("models/") ? model.slice("models/".length) : model;
  return JSON_SCHEMA_MODELS.test(id) && !LIVE_MODELS.test(id) ? "json-schema" : "openapi";
}
