import { badRequest } from "../../../../common/api-error.ts";
import type { GeminiGenerationConfig } from "../../../gemini/types.ts";
import { toGeminiResponseSchema } from "../../../schema/gemini-schema.ts";
import type { AnthropicMessagesRequest } from "../validate/messages-request.ts";

/**
 * Anthropic's structured output — `output_config.format` (current) or the older top-level
 * `output_format` (the structured-outputs beta), `{type: "json_schema", schema}` — → Gemini's
 * JSON answer: `responseMimeType: application/json` and the schema through the shared conversion
 * (src/schema), so the answer's single text block is JSON of that schema. Undefined when neither
 * is set.
 */
export function toResponseFormat(
  request: AnthropicMessagesRequest,
  model: string,
): Partial<GeminiGenerationConfig> | undefined {
  const [format, param] = request.output_config?.format
    ? [request.output_config.format, "output_config.format"]
    : request.output_format
      ? [request.output_format, "output_format"]
      : [undefined, ""];
  if (!format) return undefined;
  if (format.type !== "json_schema") {
    throw badRequest(
      `${param}.type`,
      `${param}.type: expected 'json_schema', received '${String(format.type).slice(0, 40)}'.`,
    );
  }
  return {
    responseMimeType: "application/json",
    ...toGeminiResponseSchema(format.schema, { model, param: `${param}.schema` }),
  };
}
