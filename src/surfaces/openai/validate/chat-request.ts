import * as v from "valibot";
import { badRequest } from "../../../../common/api-error.ts";
import { validationError } from "../../../http/validation-error.ts";
import type { OpenAIChatRequest } from "../translate/openai-types.ts";

const text = v.looseObject({ type: v.literal("text"), text: v.string() });
const refusal = v.looseObject({ type: v.literal("refusal"), refusal: v.string() });
const image = v.looseObject({
  type: v.literal("image_url"),
  image_url: v.looseObject({
    url: v.string(),
    detail: v.optional(v.picklist(["auto", "low", "high"])),
  }),
});
const audio = v.looseObject({
  type: v.literal("input_audio"),
  input_audio: v.looseObject({ data: v.string(), format: v.picklist(["wav", "mp3"]) }),
});
const file = v.looseObject({
  type: v.literal("file"),
  file: v.looseObject({
    file_data: v.optional(v.string()),
    file_id: v.optional(v.string()),
    filename: v.optional(v.string()),
  }),
});

/** Gemini's rule for function names; an empty or odd name is the client's 400, not Gemini's. */
const FUNCTION_NAME = /^[A-Za-z_][A-Za-z0-9_.:-]{0,63}$/;
const functionName = v.pipe(
  v.string(),
  v.regex(
    FUNCTION_NAME,
    "a name of 1 to 64 letters, digits, _ . : - that starts with a letter or _",
  ),
);

/** Gemini's int32 fields: larger numbers are the client's 400, not an upstream parse error. */
const INT32_MAX = 2_147_483_647;
const INT32_MIN = -2_147_483_648;

const textContent = v.union([v.string(), v.array(text)]);
const extraContent = v.optional(
  v.looseObject({
    google: v.optional(v.looseObject({ thought_signature: v.optional(v.string()) })),
  }),
);
const toolCall = v.variant("type", [
  v.looseObject({
    id: v.string(),
    type: v.literal("function"),
    function: v.looseObject({ name: functionName, arguments: v.string() }),
    extra_content: extraContent,
  }),
  v.looseObject({
    id: v.string(),
    type: v.literal("custom"),
    custom: v.looseObject({ name: functionName, input: v.string() }),
    extra_content: extraContent,
  }),
]);

const message = v.variant("role", [
  v.looseObject({ role: v.literal("system"), content: textContent }),
  v.looseObject({ role: v.literal("developer"), content: textContent }),
  v.looseObject({
    role: v.literal("user"),
    content: v.union([v.string(), v.array(v.variant("type", [text, image, audio, file]))]),
  }),
  v.looseObject({
    role: v.literal("assistant"),
    content: v.nullish(v.union([v.string(), v.array(v.variant("type", [text, refusal]))])),
    tool_calls: v.nullish(v.array(toolCall)),
    function_call: v.nullish(v.looseObject({ name: functionName, arguments: v.string() })),
  }),
  v.looseObject({ role: v.literal("tool"), tool_call_id: v.string(), content: textContent }),
  v.looseObject({
    role: v.literal("function"),
    name: functionName,
    content: v.nullable(v.string()),
  }),
]);

const tool = v.variant("type", [
  v.looseObject({
    type: v.literal("function"),
    function: v.looseObject({
      name: functionName,
      description: v.optional(v.string()),
      parameters: v.optional(v.record(v.string(), v.unknown())),
      strict: v.nullish(v.boolean()),
    }),
  }),
  /** Free-form input (OpenAI's custom tools): declared to Gemini as one string argument. */
  v.looseObject({
    type: v.literal("custom"),
    custom: v.looseObject({
      name: functionName,
      description: v.optional(v.string()),
      format: v.optional(
        v.variant("type", [
          v.looseObject({ type: v.literal("text") }),
          v.looseObject({
            type: v.literal("grammar"),
            grammar: v.looseObject({ definition: v.string(), syntax: v.string() }),
          }),
        ]),
      ),
    }),
  }),
]);

const toolChoice = v.union([
  v.picklist(["none", "auto", "required"]),
  v.looseObject({ type: v.literal("function"), function: v.looseObject({ name: functionName }) }),
  v.looseObject({ type: v.literal("custom"), custom: v.looseObject({ name: functionName }) }),
  v.looseObject({
    type: v.literal("allowed_tools"),
    allowed_tools: v.looseObject({
      mode: v.picklist(["auto", "required"]),
      tools: v.array(v.record(v.string(), v.unknown())),
    }),
  }),
]);

const responseFormat = v.variant("type", [
  v.looseObject({ type: v.literal("text") }),
  v.looseObject({ type: v.literal("json_object") }),
  v.looseObject({
    type: v.literal("json_schema"),
    json_schema: v.looseObject({
      name: v.string(),
      schema: v.optional(v.record(v.string(), v.unknown())),
    }),
  }),
]);

const range = (min: number, max: number) =>
  v.nullish(v.pipe(v.number(), v.minValue(min), v.maxValue(max)));
const integer = (min: number, max: number) =>
  v.nullish(v.pipe(v.number(), v.integer(), v.minValue(min), v.maxValue(max)));

const chatRequest = v.looseObject({
  model: v.optional(v.string()),
  messages: v.pipe(v.array(message), v.minLength(1, "a non-empty array")),
  stream: v.nullish(v.boolean()),
  stream_options: v.nullish(v.looseObject({ include_usage: v.optional(v.boolean()) })),
  temperature: range(0, 2),
  top_p: range(0, 1),
  presence_penalty: range(-2, 2),
  frequency_penalty: range(-2, 2),
  max_tokens: integer(1, INT32_MAX),
  max_completion_tokens: integer(1, INT32_MAX),
  /** Gemini's candidateCount allows at most 8. */
  n: integer(1, 8),
  seed: integer(INT32_MIN, INT32_MAX),
  logprobs: v.nullish(v.boolean()),
  /** OpenAI's range; Gemini's logprobs field is an int32 with the same cap. */
  top_logprobs: integer(0, 20),
  stop: v.nullish(
    v.union([v.string(), v.pipe(v.array(v.string()), v.maxLength(5, "at most 5 sequences"))]),
  ),
  tools: v.optional(v.array(tool)),
  tool_choice: v.optional(toolChoice),
  parallel_tool_calls: v.optional(v.boolean()),
  response_format: v.optional(responseFormat),
  /** OpenAI's tiers; `scale` has no Gemini counterpart and is served like `auto`. */
  service_tier: v.nullish(v.picklist(["auto", "default", "flex", "scale", "priority"])),
  reasoning_effort: v.nullish(
    v.picklist(["none", "minimal", "low", "medium", "high", "xhigh", "max"]),
  ),
  google: v.optional(
    v.looseObject({
      thinking_config: v.optional(v.record(v.string(), v.unknown())),
      safety_settings: v.optional(
        v.array(v.looseObject({ category: v.string(), threshold: v.string() })),
      ),
      cached_content: v.optional(v.string()),
    }),
  ),
});

/** Checks a `/v1/chat/completions` body; throws a 400 ApiError naming the first bad field. */
export function parseChatRequest(body: unknown): OpenAIChatRequest {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw badRequest(null, "The request body must be a JSON object.");
  }
  const result = v.safeParse(chatRequest, body, { abortEarly: true });
  if (!result.success) throw validationError(result.issues[0]);
  return result.output as unknown as OpenAIChatRequest;
}
