import type {
  CitationsWebSearchResultLocation,
  CodeExecutionToolResultBlock,
  Message,
  MessageDeltaUsage,
  RawContentBlockDelta,
  RawContentBlockStartEvent,
  RawMessageDeltaEvent,
  RawMessageStartEvent,
  RawMessageStreamEvent,
  RefusalStopDetails,
  ServerToolUsage,
  ServerToolUseBlock,
  StopReason,
  TextBlock,
  TextCitation,
  ThinkingBlock,
  ToolUseBlock,
  Usage,
  WebSearchResultBlock,
  WebSearchToolResultBlock,
} from "@anthropic-ai/sdk/resources/messages";

/**
 * Anthropic Messages wire shapes the gateway sends, as @anthropic-ai/sdk types them (types only:
 * no SDK code reaches the worker). Every field those types require is sent — `null` where the
 * gateway has nothing to say — so a new required field in an SDK update fails the typecheck. One
 * exception, where Anthropic's API and its clients differ from the types: a text block carries
 * `citations` only when it has some. Anthropic's API leaves the field out (its recorded answers,
 * its streaming docs' `{"type":"text","text":""}`), and @ai-sdk/anthropic refuses a
 * `citations: null` as an invalid answer (test/spec/vendor-spec.test.ts SPEC_EXCEPTIONS).
 */
export type AnthropicStopReason = StopReason;
export type AnthropicStopDetails = RefusalStopDetails;

/** A text block as Anthropic's API sends it: `citations` only when there are some. */
export type AnthropicTextBlock = Omit<TextBlock, "citations"> & { citations?: TextCitation[] };

/** The blocks Gemini's parts become. */
export type AnthropicContentBlock =
  | AnthropicTextBlock
  | ThinkingBlock
  | ToolUseBlock
  | ServerToolUseBlock
  | WebSearchToolResultBlock
  | CodeExecutionToolResultBlock;

export type AnthropicServerToolUse = ServerToolUseBlock;
export type AnthropicCodeExecutionResult = CodeExecutionToolResultBlock;
export type AnthropicWebSearchResult = WebSearchResultBlock;
export type AnthropicWebSearchCitation = CitationsWebSearchResultLocation;
export type AnthropicServerToolUsage = ServerToolUsage;
export type AnthropicUsage = Usage;
export type AnthropicDeltaUsage = MessageDeltaUsage;

export type AnthropicMessageResponse = Omit<Message, "content"> & {
  content: AnthropicContentBlock[];
};

export type AnthropicDelta = RawContentBlockDelta;

/** message_delta's usage, with the served tier (see usage.ts toDeltaUsage). */
export type AnthropicDeltaEvent = RawMessageDeltaEvent & {
  usage: MessageDeltaUsage & Pick<Usage, "service_tier">;
};

/** Anthropic's stream events, and its keep-alive `ping` (which its SDKs read past). */
export type AnthropicStreamEvent =
  | Exclude<
      RawMessageStreamEvent,
      RawMessageStartEvent | RawContentBlockStartEvent | RawMessageDeltaEvent
    >
  | { type: "message_start"; message: AnthropicMessageResponse }
  | { type: "content_block_start"; index: number; content_block: AnthropicContentBlock }
  | AnthropicDeltaEvent
  | { type: "ping" };

/** Who called a tool: always the model itself here (Gemini has no programmatic tool calling). */
export const DIRECT_CALLER = { type: "direct" } as const;
