import { ApiError } from "../../../../common/api-error.ts";
import type { GeminiGenerateContentResponse, GeminiUsageMetadata } from "../../../gemini/types.ts";
import { fallbackCallId, translatePart } from "./candidate-parts.ts";
import type { ResponseContext } from "./chat-response.ts";
import { mapGeminiFinishReason } from "./finish-reason.ts";
import type {
  OpenAIChatCompletionChunk,
  OpenAIChunkDelta,
  OpenAIFinishReason,
} from "./openai-types.ts";
import { fromGeminiUsage } from "./usage.ts";

export interface StreamContext extends ResponseContext {
  includeUsage: boolean;
}

interface ChoiceState {
  toolCalls: number;
  finish: OpenAIFinishReason | null;
}

/**
 * Gemini SSE events → OpenAI chat.completion.chunk objects. The finish chunk (and the usage chunk)
 * are held back until end(): Gemini often sends finishReason in a later event than the tool calls,
 * and usage with the last event. A turn that called a tool finishes as tool_calls.
 */
export class ChatStreamTranslator {
  readonly #context: StreamContext;
  readonly #choices = new Map<number, ChoiceState>();
  #usage: GeminiUsageMetadata | undefined;

  constructor(context: StreamContext) {
    this.#context = context;
  }

  /** One parsed Gemini SSE event → the OpenAI chunks to send, in order. */
  push(event: GeminiGenerateContentResponse): OpenAIChatCompletionChunk[] {
    const chunks: OpenAIChatCompletionChunk[] = [];
    if (event.usageMetadata) this.#usage = event.usageMetadata;
    const candidates = event.candidates ?? [];
    if (candidates.length === 0) {
      const state = this.#choice(0, chunks);
      if (event.promptFeedback?.blockReason) state.finish = "content_filter";
    }
    for (const [position, candidate] of candidates.entries()) {
      const index = candidate.index ?? position;
      const state = this.#choice(index, chunks);
      for (const part of candidate.content?.parts ?? []) {
        const translated = translatePart(part, this.#context.includeThoughts, () =>
          fallbackCallId(this.#context.id, index, state.toolCalls),
        );
        if (!translated) continue;
        if (translated.kind === "tool_call") {
          const call = { index: state.toolCalls++, ...translated.call };
          chunks.push(this.#chunk(index, { tool_calls: [call] }));
        } else if (translated.text !== "") {
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
    if (states.length === 0 || states.some(([, state]) => state.finish === null)) {
      const error = new ApiError(502, "Gemini ended the stream without a finish reason.", {
        type: "api_error",
        code: "upstream_stream_incomplete",
      });
      return { chunks: [], error };
    }
    const chunks = states.map(([index, state]) =>
      this.#chunk(index, {}, state.toolCalls > 0 ? "tool_calls" : state.finish),
    );
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
      state = { toolCalls: 0, finish: null };
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
    const { id, created, model, includeUsage } = this.#context;
    return {
      id,
      object: "chat.completion.chunk" as const,
      created,
      model,
      ...(includeUsage && { usage: null }),
    };
  }
}
