import type {
  ChatCompletion,
  ChatCompletionChunk,
  ChatCompletionCreateParamsBase,
  ChatCompletionMessageParam,
} from "openai/resources/chat/completions";
import type { CompletionUsage } from "openai/resources/completions";
import type { Model } from "openai/resources/models";

/**
 * `extra_body.google` as the worker receives it (the openai SDK merges extra_body into the top
 * level). snake_case keys as Google's own OpenAI-compatible endpoint documents them.
 */
export interface GoogleExtras {
  thinking_config?: {
    thinking_budget?: number;
    thinking_level?: string;
    include_thoughts?: boolean;
  };
  safety_settings?: { category: string; threshold: string }[];
  cached_content?: string;
  [field: string]: unknown;
}

/** A validated `/v1/chat/completions` body: OpenAI's shape, `model` optional, plus `google`. */
export type OpenAIChatRequest = Omit<ChatCompletionCreateParamsBase, "model" | "messages"> & {
  model?: string;
  messages: ChatCompletionMessageParam[];
  google?: GoogleExtras;
};

/** How a tool call carries its Gemini thought signature (Google's OpenAI-compat field). */
export interface ToolCallExtraContent {
  google?: { thought_signature?: string };
}

export type OpenAIUsage = CompletionUsage;

/** A generated image as OpenRouter and LiteLLM return it: a data URL. */
export interface OpenAIImagePart {
  type: "image_url";
  image_url: { url: string };
}

/**
 * OpenAI's message plus the non-standard `reasoning_content` most gateways use for thoughts and
 * `images` (OpenRouter's and LiteLLM's field for generated images).
 */
export type OpenAIChatMessage = ChatCompletion.Choice["message"] & {
  reasoning_content?: string;
  images?: OpenAIImagePart[];
};

export type OpenAIChatCompletion = Omit<ChatCompletion, "choices"> & {
  choices: (Omit<ChatCompletion.Choice, "message"> & { message: OpenAIChatMessage })[];
};

/**
 * A streamed custom tool call. The SDK's chunk types (and OpenAI's spec) know only function calls
 * in deltas; a custom tool's call is sent whole, in the shape of the finished message's
 * (`{type: "custom", custom: {name, input}}`).
 */
export interface OpenAICustomToolCallDelta {
  index: number;
  id: string;
  type: "custom";
  custom: { name: string; input: string };
}

export type OpenAIChunkDelta = Omit<ChatCompletionChunk.Choice["delta"], "tool_calls"> & {
  tool_calls?: (
    | NonNullable<ChatCompletionChunk.Choice["delta"]["tool_calls"]>[number]
    | OpenAICustomToolCallDelta
  )[];
  reasoning_content?: string;
  images?: (OpenAIImagePart & { index: number })[];
  annotations?: ChatCompletion.Choice["message"]["annotations"];
};

export type OpenAIChatCompletionChunk = Omit<ChatCompletionChunk, "choices"> & {
  choices: (Omit<ChatCompletionChunk.Choice, "delta"> & { delta: OpenAIChunkDelta })[];
};

export type OpenAIFinishReason = ChatCompletion.Choice["finish_reason"];

export interface OpenAIEmbeddingRequest {
  model: string;
  input: string | string[];
  dimensions?: number;
  encoding_format?: "float" | "base64";
  user?: string;
}

export interface OpenAIEmbeddingResponse {
  object: "list";
  data: { object: "embedding"; index: number; embedding: number[] | string }[];
  model: string;
  usage: { prompt_tokens: number; total_tokens: number };
}

export type OpenAIModel = Model;
