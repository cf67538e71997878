import type { GeminiGenerateContentResponse } from "../gemini/types.ts";

type Answer = Pick<GeminiGenerateContentResponse, "usageMetadata" | "modelVersion">;

/**
 * What one request cost, gathered where Gemini's answers pass anyway — whole answers in the pool,
 * stream events in the stream machinery — for the request's usage data point: the model asked and
 * the one that served, and the tokens (summed over the request's Gemini calls; within one stream
 * the last event's counts, which are the stream's totals).
 */
export class RequestUsage {
  modelAsked = "";
  modelServed = "";
  promptTokens = 0;
  completionTokens = 0;
  thinkingTokens = 0;
  /** Settles when the stream this request answers with has ended; null when it sends no stream. */
  streamEnded: Promise<void> | null = null;

  /** Called with the model of every call; the first one is what the request asked for. */
  asked(model: string) {
    if (this.modelAsked === "") this.modelAsked = model.replace(/^models\//, "");
  }

  /** A whole answer: its counts are added. */
  answered(answer: Answer | null | undefined) {
    if (!answer || typeof answer !== "object") return;
    if (typeof answer.modelVersion === "string") this.modelServed = answer.modelVersion;
    const usage = answer.usageMetadata;
    if (!usage) return;
    this.promptTokens += (usage.promptTokenCount ?? 0) + (usage.toolUsePromptTokenCount ?? 0);
    this.completionTokens += usage.candidatesTokenCount ?? 0;
    this.thinkingTokens += usage.thoughtsTokenCount ?? 0;
  }

  /**
   * A stream starts: the returned tracker keeps its last event's counts and adds them when the
   * stream ends (normally, with an error event, or because the client went away).
   */
  beginStream(): { event(answer: Answer): void; end(): void } {
    let last: Answer | null = null;
    let settle: () => void = () => {};
    const ended = new Promise<void>((resolve) => {
      settle = resolve;
    });
    const previous = this.streamEnded;
    this.streamEnded = previous ? Promise.all([previous, ended]).then(() => {}) : ended;
    let open = true;
    return {
      event: (answer) => {
        if (answer.usageMetadata || answer.modelVersion) last = answer;
      },
      end: () => {
        if (!open) return;
        open = false;
        this.answered(last);
        settle();
      },
    };
  }
}
