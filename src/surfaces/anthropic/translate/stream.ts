import { ApiError } from "../../../../common/api-error.ts";
import { failedFinish } from "../../../gemini/finish-reasons.ts";
import type { GeminiGenerateContentResponse, GeminiUsageMetadata } from "../../../gemini/types.ts";
import type { AnthropicStopReason, AnthropicStreamEvent } from "./anthropic-types.ts";
import { ContentAssembler } from "./content-assembler.ts";
import { blockIds, type MessageContext } from "./response.ts";
import { toStopDetails, toStopReason } from "./stop-reason.ts";
import { toAnthropicUsage, toDeltaUsage } from "./usage.ts";

/**
 * Gemini SSE events → Anthropic's stream events, in Anthropic's order: `message_start`, then per
 * block `content_block_start`, deltas, `content_block_stop` (a `ping` after the first block
 * starts), then `message_delta` (stop_reason, usage) and `message_stop`. Only the first candidate
 * is read (a Message has one). The stop events wait for end(): Gemini sends finishReason and usage
 * with its last event. Google Search grounding also comes with the last event, so a stream's
 * citations go on the text block still open then, and its searches (server_tool_use +
 * web_search_tool_result) follow the text instead of coming first as in a whole answer.
 */
export class MessagesStreamTranslator {
  readonly #context: MessageContext;
  readonly #assembler: ContentAssembler;
  #started = false;
  #pinged = false;
  #usage: GeminiUsageMetadata | undefined;
  #stopReason: AnthropicStopReason | undefined;
  #finishReason: string | undefined;
  #finishMessage: string | undefined;
  #blockMessage: string | undefined;

  constructor(context: MessageContext) {
    this.#context = context;
    this.#assembler = new ContentAssembler(context.includeThoughts, blockIds(context.id));
  }

  push(event: GeminiGenerateContentResponse): AnthropicStreamEvent[] {
    const events: AnthropicStreamEvent[] = [];
    if (event.usageMetadata) this.#usage = event.usageMetadata;
    if (!this.#started) {
      this.#started = true;
      events.push(this.#messageStart(event.modelVersion));
    }
    if (event.promptFeedback?.blockReason && !event.candidates?.length) {
      this.#stopReason = "refusal";
      this.#blockMessage = event.promptFeedback.blockReasonMessage;
    }
    const candidate = event.candidates?.find((entry, position) => (entry.index ?? position) === 0);
    for (const part of candidate?.content?.parts ?? []) {
      events.push(...this.#withPing(this.#assembler.push(part)));
    }
    if (candidate?.groundingMetadata) {
      events.push(...this.#withPing(this.#assembler.ground(candidate.groundingMetadata, false)));
    }
    if (candidate?.finishReason) {
      this.#finishReason = candidate.finishReason;
      this.#finishMessage = candidate.finishMessage;
    }
    return events;
  }

  /** The closing events; an error when Gemini ended without a finish reason (a cut-off stream). */
  end(): AnthropicStreamEvent[] | ApiError {
    const failure = failedFinish({
      finishReason: this.#finishReason,
      finishMessage: this.#finishMessage,
    });
    if (failure) return failure;
    const stopReason =
      this.#stopReason ?? toStopReason(this.#finishReason, this.#assembler.calledTool);
    if (!stopReason) {
      return new ApiError(502, "Gemini ended the stream without a finish reason.", {
        type: "api_error",
        code: "upstream_stream_incomplete",
      });
    }
    const events = this.#withPing(this.#assembler.finish());
    if (!this.#pinged) events.push({ type: "ping" });
    events.push(
      {
        type: "message_delta",
        delta: {
          stop_reason: stopReason,
          stop_sequence: null,
          stop_details: toStopDetails(stopReason, this.#finishMessage ?? this.#blockMessage),
          container: null,
        },
        usage: toDeltaUsage(toAnthropicUsage(this.#usage, this.#assembler.serverToolUsage)),
      },
      { type: "message_stop" },
    );
    return events;
  }

  #messageStart(modelVersion: string | undefined): AnthropicStreamEvent {
    const usage = toAnthropicUsage(this.#usage);
    return {
      type: "message_start",
      message: {
        id: this.#context.id,
        type: "message",
        role: "assistant",
        content: [],
        model: (this.#context.servedModel && modelVersion) || this.#context.model,
        stop_reason: null,
        stop_sequence: null,
        stop_details: null,
        container: null,
        diagnostics: null,
        usage: { ...usage, output_tokens: 0, output_tokens_details: { thinking_tokens: 0 } },
      },
    };
  }

  /** Anthropic sends one ping right after the first content_block_start. */
  #withPing(events: AnthropicStreamEvent[]): AnthropicStreamEvent[] {
    if (this.#pinged) return events;
    const first = events.findIndex((event) => event.type === "content_block_start");
    if (first === -1) return events;
    this.#pinged = true;
    return [...events.slice(0, first + 1), { type: "ping" }, ...events.slice(first + 1)];
  }
}
