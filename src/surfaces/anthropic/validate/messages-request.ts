import * as v from "valibot";
import { toRequestError } from "./issue-to-error.ts";

/**
 * The Messages API request, checked only as far as the gateway relies on it. Every object is loose:
 * fields real clients add (`context_management`, `cache_control`, `defer_loading`,
 * `thinking.display`, `metadata`, …) pass and are ignored. Content blocks are checked one by one
 * by the translator (see content-blocks.ts), so an unknown block type is named precisely.
 */
const textBlock = v.looseObject({ type: v.literal("text"), text: v.string() });
const block = v.looseObject({ type: v.string() });
const content = v.union([v.string(), v.array(block)]);

/** `system` messages inside `messages` are Claude Code's mid-conversation system prompts. */
const message = v.looseObject({
  role: v.picklist(["user", "assistant", "system"]),
  content,
});

const tool = v.looseObject({
  name: v.pipe(v.string(), v.nonEmpty("must not be empty")),
  type: v.nullish(v.string()),
  description: v.nullish(v.string()),
  input_schema: v.nullish(v.record(v.string(), v.unknown())),
});

const toolChoice = v.variant("type", [
  v.looseObject({ type: v.literal("auto"), disable_parallel_tool_use: v.nullish(v.boolean()) }),
  v.looseObject({ type: v.literal("any"), disable_parallel_tool_use: v.nullish(v.boolean()) }),
  v.looseObject({ type: v.literal("none") }),
  v.looseObject({
    type: v.literal("tool"),
    name: v.string(),
    disable_parallel_tool_use: v.nullish(v.boolean()),
  }),
]);

const thinking = v.looseObject({
  type: v.string(),
  budget_tokens: v.nullish(v.pipe(v.number(), v.integer("must be an integer"))),
});

/** Structured output: `{type: "json_schema", schema}` (the type is checked by the translation). */
const outputFormat = v.looseObject({
  type: v.string(),
  schema: v.record(v.string(), v.unknown()),
});

/**
 * Claude's `output_config`: `effort` (low … max), how hard an adaptive-thinking model thinks, and
 * `format`, the structured output.
 */
const outputConfig = v.looseObject({
  effort: v.nullish(v.string()),
  format: v.nullish(outputFormat),
});

const positiveInteger = v.pipe(
  v.number(),
  v.integer("must be an integer"),
  v.minValue(1, "must be at least 1"),
);
const number = (min: number, max: number) =>
  v.pipe(
    v.number(),
    v.minValue(min, `must be between ${min} and ${max}`),
    v.maxValue(max, `must be between ${min} and ${max}`),
  );

const countTokensFields = {
  model: v.pipe(
    v.string(),
    v.nonEmpty("must name a model (e.g. claude-sonnet-4-5 or gemini-2.5-flash), not be empty"),
  ),
  messages: v.array(message),
  system: v.nullish(v.union([v.string(), v.array(textBlock)])),
  tools: v.nullish(v.array(tool)),
  tool_choice: v.nullish(toolChoice),
  thinking: v.nullish(thinking),
  output_config: v.nullish(outputConfig),
};

const countTokensRequest = v.looseObject(countTokensFields);

const messagesRequest = v.looseObject({
  ...countTokensFields,
  // Required, as Anthropic requires it (its SDKs always send it).
  max_tokens: positiveInteger,
  temperature: v.nullish(number(0, 2)),
  top_p: v.nullish(number(0, 1)),
  // Anthropic's spec allows 0 (no top-k cut): sent to Gemini only when positive.
  top_k: v.nullish(
    v.pipe(v.number(), v.integer("must be an integer"), v.minValue(0, "must be at least 0")),
  ),
  stop_sequences: v.nullish(v.array(v.string())),
  stream: v.nullish(v.boolean()),
  service_tier: v.nullish(v.picklist(["auto", "standard_only"])),
  /** The structured-outputs beta's spelling of `output_config.format`. */
  output_format: v.nullish(outputFormat),
});

export type AnthropicMessagesRequest = v.InferOutput<typeof messagesRequest>;
export type AnthropicCountTokensRequest = v.InferOutput<typeof countTokensRequest>;
export type AnthropicMessage = v.InferOutput<typeof message>;
export type AnthropicTool = v.InferOutput<typeof tool>;
export type AnthropicToolChoice = v.InferOutput<typeof toolChoice>;
export type AnthropicThinking = v.InferOutput<typeof thinking>;
export type AnthropicOutputConfig = v.InferOutput<typeof outputConfig>;

export function parseMessagesRequest(body: unknown): AnthropicMessagesRequest {
  const result = v.safeParse(messagesRequest, body);
  if (!result.success) throw toRequestError(result.issues[0]);
  return result.output;
}

export function parseCountTokensRequest(body: unknown): AnthropicCountTokensRequest {
  const result = v.safeParse(countTokensRequest, body);
  if (!result.success) throw toRequestError(result.issues[0]);
  return result.output;
}
