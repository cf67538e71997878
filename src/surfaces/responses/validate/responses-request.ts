import * as v from "valibot";
import { badRequest } from "../../../../common/api-error.ts";
import { validationError } from "../../../http/validation-error.ts";

/**
 * `POST /v1/responses` as the router reads it. Objects are loose: fields we do not use (Codex's
 * `prompt_cache_key`, `client_metadata`, `user`, …) are ignored, never an error.
 * Items and tools are checked in detail by the translation, which knows their types.
 */
const looseRecord = v.record(v.string(), v.unknown());
const name = v.pipe(v.string(), v.nonEmpty("a non-empty name"));

/**
 * A named choice needs its name, allowed_tools its mode and list; other (hosted) tool types are
 * passed on by type, so a newer one is not refused here.
 */
const toolChoice = v.union([
  v.picklist(["auto", "none", "required"]),
  v.variant("type", [
    v.looseObject({ type: v.literal("function"), name, namespace: v.nullish(v.string()) }),
    v.looseObject({ type: v.literal("custom"), name, namespace: v.nullish(v.string()) }),
    v.looseObject({
      type: v.literal("allowed_tools"),
      mode: v.picklist(["auto", "required"]),
      tools: v.array(looseRecord),
    }),
    v.looseObject({
      type: v.pipe(
        v.string(),
        v.check((type) => !["function", "custom", "allowed_tools"].includes(type), "a tool type"),
      ),
    }),
  ]),
]);

/** `text.format`: one of OpenAI's three; json_schema needs its name and schema. */
const textFormat = v.variant("type", [
  v.looseObject({ type: v.literal("text") }),
  v.looseObject({ type: v.literal("json_object") }),
  v.looseObject({
    type: v.literal("json_schema"),
    name,
    schema: looseRecord,
    description: v.nullish(v.string()),
    strict: v.nullish(v.boolean()),
  }),
]);

const requestSchema = v.looseObject({
  model: v.optional(v.string()),
  input: v.optional(v.union([v.string(), v.array(looseRecord)])),
  instructions: v.nullish(v.string()),
  tools: v.nullish(v.array(looseRecord)),
  tool_choice: v.nullish(toolChoice),
  parallel_tool_calls: v.nullish(v.boolean()),
  text: v.nullish(
    v.looseObject({
      format: v.nullish(textFormat),
      verbosity: v.nullish(v.string()),
    }),
  ),
  reasoning: v.nullish(
    v.looseObject({
      effort: v.nullish(v.picklist(["none", "minimal", "low", "medium", "high", "xhigh", "max"])),
      summary: v.nullish(v.picklist(["auto", "concise", "detailed"])),
    }),
  ),
  max_output_tokens: v.nullish(
    v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(2 ** 31 - 1)),
  ),
  temperature: v.nullish(v.pipe(v.number(), v.minValue(0), v.maxValue(2))),
  top_p: v.nullish(v.pipe(v.number(), v.minValue(0), v.maxValue(1))),
  top_logprobs: v.nullish(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(20))),
  include: v.nullish(v.array(v.string())),
  metadata: v.nullish(v.record(v.string(), v.string())),
  store: v.nullish(v.boolean()),
  stream: v.nullish(v.boolean()),
  service_tier: v.nullish(v.picklist(["auto", "default", "flex", "scale", "priority"])),
  background: v.nullish(v.boolean()),
  previous_response_id: v.nullish(v.string()),
  conversation: v.nullish(v.unknown()),
  prompt: v.nullish(v.unknown()),
});

export type ResponsesRequest = v.InferOutput<typeof requestSchema>;
export type ResponsesItem = Record<string, unknown>;

/** A parsed request, or a 400 naming the field. Stateful features are refused here, clearly. */
export function parseResponsesRequest(body: unknown): ResponsesRequest {
  const result = v.safeParse(requestSchema, body);
  if (!result.success) throw validationError(result.issues[0]);
  const request = result.output;
  if (request.previous_response_id) {
    throw stateless(
      "previous_response_id",
      "send the whole conversation in 'input' (as Codex does with store: false)",
    );
  }
  if (request.conversation != null) {
    throw stateless("conversation", "send the whole conversation in 'input'");
  }
  if (request.prompt != null) {
    throw stateless(
      "prompt",
      "stored prompt templates live on OpenAI's servers; send 'instructions' and 'input'",
    );
  }
  if (request.background === true) {
    throw stateless(
      "background",
      "a background response could never be fetched later; omit 'background'",
    );
  }
  if (request.input === undefined || (Array.isArray(request.input) && request.input.length === 0)) {
    throw badRequest("input", "Missing required parameter: 'input'.");
  }
  return request;
}

const stateless = (param: string, advice: string) =>
  badRequest(
    param,
    `'${param}' is not supported: this router keeps no state between requests (nothing is stored); ${advice}.`,
    "unsupported_parameter",
  );
