import { fileURLToPath } from "node:url";
import { Ajv, type ValidateFunction } from "ajv";
import { createGenerator } from "ts-json-schema-generator";

const TYPES = fileURLToPath(new URL("./vendor-spec-types.ts", import.meta.url));
const TSCONFIG = fileURLToPath(new URL("../../tsconfig.json", import.meta.url));

export type VendorType =
  | "ChatCompletion"
  | "ChatCompletionChunk"
  | "CreateEmbeddingResponse"
  | "Model"
  | "Response"
  | "ResponseStreamEvent"
  | "Message"
  | "RawMessageStreamEvent"
  | "ModelInfo"
  | "AnthropicErrorResponse";

/**
 * JSON Schemas of the vendors' response types, generated at test time from the installed openai
 * and @anthropic-ai/sdk packages (no network, nothing vendored). Extra properties are allowed
 * (the router adds documented extensions such as `reasoning_content`); every field the spec
 * requires, and every field's type and enum, is checked.
 */
export function vendorValidators(types: readonly VendorType[]): Record<string, ValidateFunction> {
  const generator = createGenerator({
    path: TYPES,
    tsconfig: TSCONFIG,
    skipTypeCheck: true,
    expose: "export",
    topRef: true,
    additionalProperties: true,
  });
  const ajv = new Ajv({ strict: false, allErrors: true });
  return Object.fromEntries(types.map((type) => [type, ajv.compile(generator.createSchema(type))]));
}

/** Validation errors, short, for a failing expectation's message. */
export const describeErrors = (validate: ValidateFunction) =>
  (validate.errors ?? [])
    .slice(0, 5)
    .map((error) => `${error.instancePath} ${error.message} ${JSON.stringify(error.params)}`)
    .join("; ");
