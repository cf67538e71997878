/**
 * The vendors' published response types, as their SDKs ship them (generated from OpenAI's OpenAPI
 * spec and Anthropic's API spec). test/support/vendor-schemas.ts turns them into JSON Schemas.
 */

export type { Message, RawMessageStreamEvent } from "@anthropic-ai/sdk/resources/messages";
export type { ModelInfo } from "@anthropic-ai/sdk/resources/models";

import type { ErrorResponse } from "@anthropic-ai/sdk/resources/shared";

/** Anthropic's error body (named apart from any other vendor's). */
export type AnthropicErrorResponse = ErrorResponse;
export type {
  ChatCompletion,
  ChatCompletionChunk,
} from "openai/resources/chat/completions/completions";
export type { CreateEmbeddingResponse } from "openai/resources/embeddings";
export type { Model } from "openai/resources/models";
export type { Response, ResponseStreamEvent } from "openai/resources/responses/responses";
