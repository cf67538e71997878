import { ApiError } from "../../../../common/api-error.ts";
import { failedFinish } from "../../../gemini/finish-reasons.ts";
import type {
  GeminiGenerateContentResponse,
  GeminiGroundingMetadata,
  GeminiUsageMetadata,
} from "../../../gemini/types.ts";
import { fallbackCallId, translatePart } from "./candidate-parts.ts";
import type { ResponseContext } from "./chat-response.ts";
import { mapGeminiFinishReason } from "./finish-reason.ts";
import { toUrlCitations } from "./grounding.ts";
import { fromGeminiLogprobs } from "./logprobs.ts";
import type {
  OpenAIChatCompletionChunk,
  OpenAIChunkDelta,
  OpenAIFinishReason,
} from "./openai-types.ts";
import { fromGeminiServiceTier } from "./service-tier.ts";
import { fromGeminiUsage } from "./usage.ts";

export interface StreamContext extends ResponseContext {
  includeUsage: boolean;
}

interface ChoiceState {
  toolCalls: number;
  images: number;
  finish: OpenAIFinishReason | null;
  /** A failure reason (MALFORMED_FUNCTION_CALL, …): the stream ends with this error. */
  failure: ApiError | null;
  /** The content sent so far: grounding offsets point into it. */
  content: string;
  grounding: GeminiGroundingMetadata | undefined;
}

/**
 * Gemini SSE events → OpenAI chat.completion.chunk objects. The finish chunk (and the usage chunk)
 * are held back until end(): Gemini often sends finishReason in a later event than the tool calls,
 * and usage with the last event. A turn that called a tool finishes as tool_calls. `model` is
 * Gemini's modelVersion from the first event; images travel as `delta.images`, grounding as
 * `delta.annotations` (url_citation) just before the finish chunk, logprobs with their chunk; a
 * failure reason ends the stream with a retryable error event instead of a finish.
 */
export class ChatStreamTranslator {
  readonly #context: StreamContext;
  readonly #choices = new Map<number, ChoiceState>();
  #usage: GeminiUsageMetadata | undefined;
  /** The tier that served the request (OpenAI's words), once Gemini's usage has said. */
  #serviceTier: "default" | "flex" | "priority" | undefined;
  #model: string;

  constructor(context: StreamContext) {
    this.#context = context;
    this.#model = context.model;
  }

  /** One parsed Gemini SSE event → the OpenAI chunks to send, in order. */
  push(event: GeminiGenerateContentResponse): OpenAIChatCompletionChunk[] {
    const chunks: OpenAIChatCompletionChunk[] = [];
    if (event.usageMetadata) {
      this.#usage = event.usageMetadata;
      this.#serviceTier = fromGeminiServiceTier(event.usageMetadata) ?? this.#serviceTier;
    }
    if (event.modelVersion && this.#choices.size === 0) this.#model = event.modelVersion;
    const candidates = event.candidates ?? [];
    if (candidates.length === 0) {
      const state = this.#choice(0, chunks);
      if (event.promptFeedback?.blockReason) state.finish = "content_filter";
    }
    for (const [position, candidate] of candidates.entries()) {
      const index = candidate.index ?? position;
      const state = this.#choice(index, chunks);
      const firstChunk = chunks.length;
      for (const part of candidate.content?.parts ?? []) {
        const translated = translatePart(part, this.#context, () =>
          fallbackCallId(this.#context.id, index, state.toolCalls),
        );
        if (!translated) continue;
        if (translated.kind === "tool_call") {
          const call = { index: state.toolCalls++, ...translated.call };
          chunks.push(this.#chunk(index, { tool_calls: [call] }));
        } else if (translated.kind === "image") {
          const image = { index: state.images++, ...translated.image };
          chunks.push(this.#chunk(index, { images: [image] }));
        } else if (translated.text !== "") {
          if (translated.kind === "content") state.content += translated.text;
          const key = translated.kind === "content" ? "content" : "reasoning_content";
          const last = chunks.at(-1)?.choices[0];
          // Consecutive text parts of one kind travel in one chunk (never in the role chunk).
          if (last?.index === index && typeof last.delta[key] === "string" && !last.delta.role) {
            last.delta[key] += translated.text;
          } else {
            chunks.push(this.#chunk(index, { [key]: translated.text }));
          }
        }
      }
      const logprobs = fromGeminiLogprobs(candidate.logprobsResult);
      if (logprobs) {
        const own = chunks.slice(firstChunk).findLast((chunk) => !chunk.choices[0]?.delta.role);
        const target = own ?? chunks[chunks.push(this.#chunk(index, {})) - 1];
        const choice = target?.choices[0];
        if (choice) choice.logprobs = { content: logprobs, refusal: null };
      }
      if (candidate.groundingMetadata) state.grounding = candidate.groundingMetadata;
      state.failure ??= failedFinish(candidate);
      const finish = mapGeminiFinishReason(candidate.finishReason);
      if (finish) state.finish = finish;
    }
    return chunks;
  }

  /**
   * Upstream ended normally: the finish chunk of every choice, then usage when asked for. A stream
   * where some choice never got a finish reason was cut short and is an error, never a "stop".
   */
  end(): { chunks: OpenAIChatCompletionChunk[]; error?: ApiError } {
    const states = [...this.#choices.entries()].sort(([a], [b]) => a - b);
    const failure = states.find(([, state]) => state.failure)?.[1].failure;
    if (failure) return { chunks: [], error: failure };
    if (states.length === 0 || states.some(([, state]) => state.finish === null)) {
      const error = new ApiError(502, "Gemini ended the stream without a finish reason.", {
        type: "api_error",
        code: "upstream_stream_incomplete",
      });
      return { chunks: [], error };
    }
    const chunks: OpenAIChatCompletionChunk[] = [];
    for (const [index, state] of states) {
      const annotations = toUrlCitations(state.grounding, state.content);
      if (annotations.length > 0) chunks.push(this.#chunk(index, { annotations }));
    }
    for (const [index, state] of states) {
      chunks.push(this.#chunk(index, {}, state.toolCalls > 0 ? "tool_calls" : state.finish));
    }
    if (this.#context.includeUsage) {
      const usage = fromGeminiUsage(this.#usage) ?? fromGeminiUsage({});
      chunks.push({ ...this.#envelope(), choices: [], usage });
    }
    return { chunks };
  }

  /** The state of a choice; its first sight emits the role chunk. */
  #choice(index: number, chunks: OpenAIChatCompletionChunk[]): ChoiceState {
    let state = this.#choices.get(index);
    if (!state) {
      state = {
        toolCalls: 0,
        images: 0,
        finish: null,
        failure: null,
        content: "",
        grounding: undefined,
      };
      this.#choices.set(index, state);
      chunks.push(this.#chunk(index, { role: "assistant", content: "" }));
    }
    return state;
  }

  #chunk(
    index: number,
    delta: OpenAIChunkDelta,
    finish: OpenAIFinishReason | null = null,
  ): OpenAIChatCompletionChunk {
    return {
      ...this.#envelope(),
      choices: [{ index, delta, finish_reason: finish, logprobs: null }],
    };
  }

  #envelope() {
    const { id, created, includeUsage } = this.#context;
    const serviceTier = this.#serviceTier;
    return {
      id,
      object: "chat.completion.chunk" as const,
      created,
      model: this.#model,
      ...(serviceTier && { service_tier: serviceTier }),
      ...(includeUsage && { usage: null }),
    };
  }
}
