import { customToolInput } from "../../../gemini/custom-tool.ts";
import { finishKind } from "../../../gemini/finish-reasons.ts";
import { toToolCallId } from "../../../gemini/tool-call-id.ts";
import type {
  GeminiGenerateContentResponse,
  GeminiLogprobsResult,
  GeminiPart,
} from "../../../gemini/types.ts";
import { toUrlCitations } from "./citations.ts";
import { fromGeminiLogprobs } from "./logprobs.ts";
import { toReasoningContent } from "./reasoning-content.ts";
import type {
  MessageItem,
  OutputItem,
  ReasoningItem,
  ResponsesEvent,
  ResponsesResponse,
} from "./response-types.ts";
import { fromGeminiServiceTier } from "./service-tier.ts";
import type { ToolNames } from "./tools.ts";
import { fromGeminiUsage } from "./usage.ts";

export interface BuilderContext {
  /** The response as created: id, echo of the request's settings; status and output are filled here. */
  response: ResponsesResponse;
  names: ToolNames;
  /** A reasoning item is always emitted when the client asked for reasoning (Codex waits for one). */
  reasoning: boolean;
  includeEncryptedReasoning: boolean;
  /** `include: ["message.output_text.logprobs"]`: the answer's tokens carry their logprobs. */
  includeLogprobs?: boolean;
}

type Event = { type: string; [field: string]: unknown };

/**
 * Gemini answer chunks → Responses output items and the stream events that build them, in order,
 * with ids stable across events. Streaming sends every event; a non-streamed answer feeds the
 * whole Gemini response once and takes the final `response` — one translation for both.
 */
export class ResponseBuilder {
  readonly #context: BuilderContext;
  readonly #response: ResponsesResponse;
  /** The response as it was before any output, for the opening events. */
  readonly #created: ResponsesResponse;
  #started = false;
  #sequence = 0;
  #open: { item: OutputItem; index: number } | null = null;
  #reasoningSent = false;
  #finishReason: string | undefined;
  #finishMessage: string | undefined;
  #blocked = false;
  #calls = 0;
  #grounding: unknown;

  constructor(context: BuilderContext) {
    this.#context = context;
    this.#response = context.response;
    this.#created = structuredClone(context.response);
  }

  get response(): ResponsesResponse {
    return this.#response;
  }

  push(chunk: GeminiGenerateContentResponse): ResponsesEvent[] {
    const events: Event[] = [];
    if (chunk.modelVersion) this.#response.model = chunk.modelVersion;
    if (chunk.usageMetadata) {
      this.#response.usage = fromGeminiUsage(chunk.usageMetadata);
      const served = fromGeminiServiceTier(chunk.usageMetadata);
      if (served) this.#response.service_tier = served;
    }
    if (chunk.promptFeedback?.blockReason) this.#blocked = true;
    const candidate = chunk.candidates?.[0];
    for (const part of candidate?.content?.parts ?? []) this.#part(part, events);
    if (this.#context.includeLogprobs) this.#logprobs(candidate?.logprobsResult, events);
    if (candidate?.groundingMetadata) this.#grounding = candidate.groundingMetadata;
    if (candidate?.finishReason) {
      this.#finishReason = candidate.finishReason;
      this.#finishMessage = candidate.finishMessage;
    }
    return this.#number(events);
  }

  /**
   * Gemini ended the stream: open items are closed and the terminal event says how it ended. An
   * answer without a finish reason was cut off: `failed`.
   */
  finish(): ResponsesEvent[] {
    const events: Event[] = [];
    const reason = this.#finishReason;
    if (reason === undefined && !this.#blocked) {
      return this.fail("server_error", "Gemini ended the stream without a finish reason.");
    }
    const kind = finishKind(reason);
    if (kind === "failed") {
      const detail = this.#finishMessage ? `: ${this.#finishMessage}` : "";
      return this.fail(
        "server_error",
        `Gemini could not produce a valid answer (${reason}${detail}); retry the request.`,
      );
    }
    if (this.#context.reasoning && !this.#reasoningSent)
      this.#emitEmptyReasoning(undefined, events);
    this.#close(events);
    const response = this.#response;
    if (this.#blocked || kind === "filtered") {
      response.status = "incomplete";
      response.incomplete_details = { reason: "content_filter" };
    } else if (kind === "length" || kind === "continuation") {
      response.status = "incomplete";
      response.incomplete_details = { reason: "max_output_tokens" };
    } else {
      response.status = "completed";
    }
    const type = response.status === "completed" ? "response.completed" : "response.incomplete";
    events.push({ type, response: structuredClone(response) });
    return this.#number(events);
  }

  /** Ends the response as failed (what a mid-stream failure looks like to Responses clients). */
  fail(code: string, message: string): ResponsesEvent[] {
    const events: Event[] = [];
    this.#close(events);
    this.#response.status = "failed";
    this.#response.error = { code, message };
    events.push({ type: "response.failed", response: structuredClone(this.#response) });
    return this.#number(events);
  }

  #part(part: GeminiPart, events: Event[]) {
    if (part.thought) {
      if (typeof part.text === "string" && part.text !== "") this.#reasoningText(part, events);
      else if (part.thoughtSignature) this.#signReasoning(part.thoughtSignature);
      return;
    }
    if (part.functionCall) return this.#functionCall(part, events);
    const text =
      typeof part.text === "string"
        ? part.text
        : part.executableCode
          ? `\n\`\`\`${(part.executableCode.language ?? "").toLowerCase()}\n${part.executableCode.code}\n\`\`\`\n`
          : part.codeExecutionResult
            ? codeResult(part.codeExecutionResult)
            : "";
    if (text === "" && !part.thoughtSignature) return;
    this.#beforeAnswer(part, events);
    if (text === "") return;
    const message = this.#ensureMessage(events);
    const content = message.content[0] as MessageItem["content"][number];
    content.text += text;
    events.push({
      type: "response.output_text.delta",
      item_id: message.id,
      output_index: this.#open?.index,
      content_index: 0,
      delta: text,
      logprobs: [],
    });
  }

  /** A chunk's logprobs belong to its text: on the message and on the chunk's last text delta. */
  #logprobs(result: GeminiLogprobsResult | undefined, events: Event[]) {
    const logprobs = fromGeminiLogprobs(result);
    const message = this.#open?.item;
    if (logprobs.length === 0 || message?.type !== "message") return;
    (message.content[0] as MessageItem["content"][number]).logprobs.push(...logprobs);
    const delta = events.findLast((event) => event.type === "response.output_text.delta");
    if (delta) delta.logprobs = logprobs;
  }

  #reasoningText(part: GeminiPart, events: Event[]) {
    let open = this.#open;
    if (open?.item.type !== "reasoning") {
      this.#close(events);
      const item: ReasoningItem = { id: newId("rs"), type: "reasoning", summary: [] };
      open = this.#add(item, events);
      this.#reasoningSent = true;
      item.summary.push({ type: "summary_text", text: "" });
      events.push({
        type: "response.reasoning_summary_part.added",
        item_id: item.id,
        output_index: open.index,
        summary_index: 0,
        part: { type: "summary_text", text: "" },
      });
    }
    const item = open.item as ReasoningItem;
    (item.summary[0] as { text: string }).text += part.text;
    events.push({
      type: "response.reasoning_summary_text.delta",
      item_id: item.id,
      output_index: open.index,
      summary_index: 0,
      delta: part.text,
    });
    if (part.thoughtSignature) this.#signReasoning(part.thoughtSignature);
  }

  #signReasoning(signature: string) {
    const item = this.#open?.item.type === "reasoning" ? (this.#open.item as ReasoningItem) : null;
    if (item && this.#context.includeEncryptedReasoning && !item.encrypted_content) {
      item.encrypted_content = toReasoningContent(signature);
    }
  }

  /** Before the first answer part: the reasoning item, closed, carrying this part's signature. */
  #beforeAnswer(part: GeminiPart, events: Event[]) {
    if (this.#open?.item.type === "reasoning") {
      if (part.thoughtSignature) this.#signReasoning(part.thoughtSignature);
      this.#close(events);
    } else if (this.#context.reasoning && !this.#reasoningSent) {
      this.#emitEmptyReasoning(part.thoughtSignature, events);
    }
  }

  #emitEmptyReasoning(signature: string | undefined, events: Event[]) {
    const item: ReasoningItem = { id: newId("rs"), type: "reasoning", summary: [] };
    this.#close(events);
    this.#add(item, events);
    this.#reasoningSent = true;
    if (signature) this.#signReasoning(signature);
    this.#close(events);
  }

  #functionCall(part: GeminiPart, events: Event[]) {
    this.#beforeAnswer(part, events);
    this.#close(events);
    const call = part.functionCall as NonNullable<GeminiPart["functionCall"]>;
    const tool = this.#context.names.fromGemini(call.name);
    const callId = toToolCallId(
      call.id || `call_${this.#response.id.slice(-24)}_${this.#calls}`,
      part.thoughtSignature,
    );
    this.#calls++;
    const namespace = tool.namespace ? { namespace: tool.namespace } : {};
    if (tool.custom) {
      const input = customToolInput(call.args);
      const item = {
        id: newId("ctc"),
        type: "custom_tool_call" as const,
        call_id: callId,
        name: tool.name,
        ...namespace,
        input: "",
      };
      const { index } = this.#add(item, events);
      item.input = input;
      events.push({
        type: "response.custom_tool_call_input.delta",
        item_id: item.id,
        output_index: index,
        delta: input,
      });
      events.push({
        type: "response.custom_tool_call_input.done",
        item_id: item.id,
        output_index: index,
        input,
      });
    } else {
      const args = JSON.stringify(call.args ?? {});
      const item = {
        id: newId("fc"),
        type: "function_call" as const,
        call_id: callId,
        name: tool.name,
        ...namespace,
        arguments: "",
        status: "in_progress" as "in_progress" | "completed",
      };
      const { index } = this.#add(item, events);
      item.arguments = args;
      events.push({
        type: "response.function_call_arguments.delta",
        item_id: item.id,
        output_index: index,
        delta: args,
      });
      events.push({
        type: "response.function_call_arguments.done",
        item_id: item.id,
        output_index: index,
        name: tool.name,
        arguments: args,
      });
      item.status = "completed";
    }
    this.#close(events);
  }

  #ensureMessage(events: Event[]): MessageItem {
    if (this.#open?.item.type === "message") return this.#open.item;
    this.#close(events);
    const item: MessageItem = {
      id: newId("msg"),
      type: "message",
      role: "assistant",
      status: "in_progress",
      content: [],
    };
    const { index } = this.#add(item, events);
    const part: MessageItem["content"][number] = {
      type: "output_text",
      text: "",
      annotations: [],
      logprobs: [],
    };
    item.content.push(part);
    events.push({
      type: "response.content_part.added",
      item_id: item.id,
      output_index: index,
      content_index: 0,
      part: { ...part, annotations: [], logprobs: [] },
    });
    return item;
  }

  #add<T extends OutputItem>(item: T, events: Event[]) {
    const index = this.#response.output.length;
    this.#response.output.push(item);
    events.push({
      type: "response.output_item.added",
      output_index: index,
      item: structuredClone(item),
    });
    this.#open = { item, index };
    return this.#open as { item: T; index: number };
  }

  /** Closes the open item with its `.done` events. */
  #close(events: Event[]) {
    const open = this.#open;
    if (!open) return;
    this.#open = null;
    const { item, index } = open;
    if (item.type === "message") {
      const content = item.content[0] as MessageItem["content"][number];
      content.annotations = toUrlCitations(this.#grounding, content.text);
      item.status = "completed";
      events.push({
        type: "response.output_text.done",
        item_id: item.id,
        output_index: index,
        content_index: 0,
        text: content.text,
        logprobs: structuredClone(content.logprobs),
      });
      events.push({
        type: "response.content_part.done",
        item_id: item.id,
        output_index: index,
        content_index: 0,
        part: structuredClone(content),
      });
      this.#response.output_text += content.text;
    } else if (item.type === "reasoning" && item.summary.length > 0) {
      const text = (item.summary[0] as { text: string }).text;
      events.push({
        type: "response.reasoning_summary_text.done",
        item_id: item.id,
        output_index: index,
        summary_index: 0,
        text,
      });
      events.push({
        type: "response.reasoning_summary_part.done",
        item_id: item.id,
        output_index: index,
        summary_index: 0,
        part: { type: "summary_text", text },
      });
    } else if (item.type === "custom_tool_call") {
      item.status = "completed";
    }
    events.push({
      type: "response.output_item.done",
      output_index: index,
      item: structuredClone(item),
    });
  }

  /** Numbers the events; the first batch opens with `response.created` and `response.in_progress`. */
  #number(events: Event[]): ResponsesEvent[] {
    if (!this.#started) {
      this.#started = true;
      const snapshot = { ...this.#created };
      events.unshift(
        { type: "response.created", response: snapshot },
        { type: "response.in_progress", response: snapshot },
      );
    }
    return events.map((event) => ({ ...event, sequence_number: this.#sequence++ }));
  }
}

function codeResult(result: { outcome?: string; output?: string }): string {
  const failed = result.outcome && result.outcome !== "OUTCOME_OK";
  const label = failed ? `Code execution failed (${result.outcome}):` : "";
  return `\n${label}\n\`\`\`\n${result.output ?? ""}\n\`\`\`\n`;
}

const ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

/** OpenAI-style ids: a prefix and 32 random characters (`resp_…`, `msg_…`, `fc_…`, `rs_…`). */
export function newId(prefix: string): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  let id = `${prefix}_`;
  for (const byte of bytes) id += ALPHABET[byte % ALPHABET.length];
  return id;
}
