import { toToolCallId } from "../../../gemini/tool-call-id.ts";
import type { GeminiPart } from "../../../gemini/types.ts";
import type { AnthropicContentBlock, AnthropicStreamEvent } from "./anthropic-types.ts";
import { toThinkingSignature } from "./signature.ts";

type OpenBlock =
  | { kind: "text"; index: number }
  | { kind: "thinking"; index: number; signature?: string }
  | null;

/**
 * Gemini response parts → Anthropic content blocks, as the stream events that build them and as
 * the finished blocks. Streaming and non-streaming responses both run through it, so both say the
 * same. Thought parts become `thinking` blocks (when thoughts were asked for), whose signature is
 * the step's thoughtSignature (sent as a signature_delta before the block stops; Google's
 * placeholder when Gemini gave none); function calls become `tool_use` blocks whose id also
 * carries the call's signature; consecutive text parts share one text block.
 */
export class ContentAssembler {
  readonly blocks: AnthropicContentBlock[] = [];
  #open: OpenBlock = null;
  #toolCalls = 0;
  readonly #includeThoughts: boolean;
  readonly #fallbackId: (call: number) => string;

  constructor(includeThoughts: boolean, fallbackId: (call: number) => string) {
    this.#includeThoughts = includeThoughts;
    this.#fallbackId = fallbackId;
  }

  get calledTool(): boolean {
    return this.#toolCalls > 0;
  }

  push(part: GeminiPart): AnthropicStreamEvent[] {
    const events: AnthropicStreamEvent[] = [];
    if (part.thought && typeof part.text === "string") {
      if (!this.#includeThoughts) return events;
      const open = this.#open?.kind === "thinking" ? this.#open : this.#start(events, "thinking");
      if (part.text !== "") {
        (this.blocks[open.index] as { thinking: string }).thinking += part.text;
        events.push(delta(open.index, { type: "thinking_delta", thinking: part.text }));
      }
      if (part.thoughtSignature) open.signature = part.thoughtSignature;
      return events;
    }
    if (this.#open?.kind === "thinking" && part.thoughtSignature) {
      this.#open.signature ??= part.thoughtSignature;
    }
    if (part.functionCall) {
      this.#close(events);
      const { id, name, args } = part.functionCall;
      const index = this.blocks.length;
      const input = args ?? {};
      const block: AnthropicContentBlock = {
        type: "tool_use",
        id: toToolCallId(id || this.#fallbackId(this.#toolCalls), part.thoughtSignature),
        name,
        input,
      };
      this.#toolCalls++;
      this.blocks.push(block);
      events.push({ type: "content_block_start", index, content_block: { ...block, input: {} } });
      events.push(delta(index, { type: "input_json_delta", partial_json: JSON.stringify(input) }), {
        type: "content_block_stop",
        index,
      });
      return events;
    }
    const text = toText(part);
    if (text === "") return events;
    const open = this.#open?.kind === "text" ? this.#open : this.#start(events, "text");
    (this.blocks[open.index] as { text: string }).text += text;
    events.push(delta(open.index, { type: "text_delta", text }));
    return events;
  }

  /** Closes the block still open (a thinking block gets its signature first). */
  finish(): AnthropicStreamEvent[] {
    const events: AnthropicStreamEvent[] = [];
    this.#close(events);
    return events;
  }

  #start<K extends "text" | "thinking">(events: AnthropicStreamEvent[], kind: K) {
    this.#close(events);
    const index = this.blocks.length;
    const block: AnthropicContentBlock =
      kind === "text"
        ? { type: "text", text: "" }
        : { type: "thinking", thinking: "", signature: "" };
    this.blocks.push(block);
    events.push({ type: "content_block_start", index, content_block: { ...block } });
    const open = { kind, index } as Extract<NonNullable<OpenBlock>, { kind: K }>;
    this.#open = open;
    return open;
  }

  #close(events: AnthropicStreamEvent[]) {
    const open = this.#open;
    if (!open) return;
    this.#open = null;
    if (open.kind === "thinking") {
      const signature = toThinkingSignature(open.signature);
      (this.blocks[open.index] as { signature: string }).signature = signature;
      events.push(delta(open.index, { type: "signature_delta", signature }));
    }
    events.push({ type: "content_block_stop", index: open.index });
  }
}

const delta = (
  index: number,
  value: Extract<AnthropicStreamEvent, { type: "content_block_delta" }>["delta"],
): AnthropicStreamEvent => ({ type: "content_block_delta", index, delta: value });

/** A part's visible text; code Gemini ran (code execution) is shown as fenced blocks. */
function toText(part: GeminiPart): string {
  if (typeof part.text === "string") return part.text;
  if (part.executableCode) {
    const { language, code } = part.executableCode;
    return `\n\`\`\`${(language ?? "").toLowerCase()}\n${code}\n\`\`\`\n`;
  }
  if (part.codeExecutionResult?.output) {
    return `\n\`\`\`\n${part.codeExecutionResult.output}\n\`\`\`\n`;
  }
  return "";
}
