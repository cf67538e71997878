import { toToolCallId } from "../../../gemini/tool-call-id.ts";
import type { GeminiGroundingMetadata, GeminiPart } from "../../../gemini/types.ts";
import {
  type AnthropicContentBlock,
  type AnthropicServerToolUsage,
  type AnthropicStreamEvent,
  type AnthropicTextBlock,
  type AnthropicWebSearchCitation,
  DIRECT_CALLER,
} from "./anthropic-types.ts";
import {
  toCodeExecutionResult,
  toCodeExecutionUse,
  toWebSearchBlocks,
  toWebSearchCitations,
  webSearchQueries,
} from "./server-tools.ts";
import { toThinkingSignature } from "./signature.ts";

type OpenBlock =
  | { kind: "text"; index: number }
  | { kind: "thinking"; index: number; signature?: string }
  | null;

/** Ids for blocks Gemini gave no id: the nth tool_use, the nth server_tool_use. */
export interface BlockIds {
  toolUse: (call: number) => string;
  serverToolUse: (call: number) => string;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * Gemini response parts → Anthropic content blocks, as the stream events that build them and as
 * the finished blocks. Streaming and non-streaming responses both run through it, so both say the
 * same. Thought parts become `thinking` blocks (when thoughts were asked for), whose signature is
 * the step's thoughtSignature (sent as a signature_delta before the block stops; Google's
 * placeholder when Gemini gave none); function calls become `tool_use` blocks whose id also
 * carries the call's signature; code Gemini ran becomes `server_tool_use` + its
 * `code_execution_tool_result`; Google Search grounding becomes `server_tool_use` +
 * `web_search_tool_result` blocks and `web_search_result_location` citations on the text it
 * supports (server-tools.ts); consecutive text parts share one text block.
 */
export class ContentAssembler {
  readonly blocks: AnthropicContentBlock[] = [];
  #open: OpenBlock = null;
  #toolCalls = 0;
  #serverCalls = 0;
  #lastCode: string | undefined;
  #searches: number | undefined;
  /** The visible answer text so far (Gemini's grounding offsets are UTF-8 bytes into it). */
  #text = "";
  #textBytes = 0;
  /** Each text block's first byte in #text, by block index. */
  readonly #textStarts = new Map<number, number>();
  readonly #includeThoughts: boolean;
  readonly #ids: BlockIds;

  constructor(includeThoughts: boolean, ids: BlockIds) {
    this.#includeThoughts = includeThoughts;
    this.#ids = ids;
  }

  get calledTool(): boolean {
    return this.#toolCalls > 0;
  }

  /** Usage's `server_tool_use`: the web searches shown; null when none ran. */
  get serverToolUsage(): AnthropicServerToolUsage | null {
    if (this.#searches === undefined) return null;
    return { web_search_requests: this.#searches, web_fetch_requests: 0 };
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
      const { id, name, args } = part.functionCall;
      this.#addToolUse(events, {
        type: "tool_use",
        id: toToolCallId(id || this.#ids.toolUse(this.#toolCalls), part.thoughtSignature),
        name,
        input: args ?? {},
        caller: DIRECT_CALLER,
      });
      this.#toolCalls++;
      return events;
    }
    if (part.executableCode) {
      this.#lastCode = this.#nextServerId();
      this.#addToolUse(events, toCodeExecutionUse(part.executableCode, this.#lastCode));
      return events;
    }
    if (part.codeExecutionResult) {
      // A result always answers a server_tool_use: one with no code when Gemini sent none.
      const id = this.#lastCode ?? this.#nextServerId();
      if (this.#lastCode === undefined) {
        this.#addToolUse(events, toCodeExecutionUse({ code: "" }, id));
      }
      this.#lastCode = undefined;
      this.#addWhole(events, toCodeExecutionResult(part.codeExecutionResult, id));
      return events;
    }
    if (typeof part.text !== "string" || part.text === "") return events;
    const open = this.#open?.kind === "text" ? this.#open : this.#start(events, "text");
    (this.blocks[open.index] as AnthropicTextBlock).text += part.text;
    this.#text += part.text;
    this.#textBytes += encoder.encode(part.text).length;
    events.push(delta(open.index, { type: "text_delta", text: part.text }));
    return events;
  }

  /**
   * Google Search grounding: its citations on the text blocks (cite), then the searches (once).
   * What a stream does with the grounding Gemini sends on its last event.
   */
  ground(metadata: GeminiGroundingMetadata, reachClosed: boolean): AnthropicStreamEvent[] {
    return [...this.cite(metadata, reachClosed), ...this.showSearches(metadata)];
  }

  /**
   * The searches grounding ran, as server_tool_use + web_search_tool_result blocks, added now (a
   * whole answer shows them before its text, as Anthropic does; a stream learns of them only at
   * its end). Shown once.
   */
  showSearches(metadata: GeminiGroundingMetadata): AnthropicStreamEvent[] {
    const events: AnthropicStreamEvent[] = [];
    if (this.#searches !== undefined) return events;
    const blocks = toWebSearchBlocks(metadata, () => this.#nextServerId());
    if (blocks.length === 0) return events;
    this.#searches = webSearchQueries(metadata).length;
    for (const block of blocks) {
      if (block.type === "server_tool_use") this.#addToolUse(events, block);
      else this.#addWhole(events, block);
    }
    return events;
  }

  /**
   * Citations on the text block holding the start of each supported segment. The open block gets
   * them as citations_delta events; a block that already stopped can take no more events, so it
   * gets them only when `reachClosed` (a whole answer) — in a stream they are left off there, and
   * the sources still appear in the web_search_tool_result.
   */
  cite(metadata: GeminiGroundingMetadata, reachClosed: boolean): AnthropicStreamEvent[] {
    const events: AnthropicStreamEvent[] = [];
    const bytes = encoder.encode(this.#text);
    for (const placed of toWebSearchCitations(metadata)) {
      const index = this.#textBlockAt(placed.start);
      if (index === undefined) continue;
      const isOpen = this.#open?.kind === "text" && this.#open.index === index;
      if (!isOpen && !reachClosed) continue;
      const citation: AnthropicWebSearchCitation = {
        ...placed.citation,
        cited_text: placed.text ?? decoder.decode(bytes.subarray(placed.start, placed.end)),
      };
      const block = this.blocks[index] as AnthropicTextBlock;
      block.citations = [...(block.citations ?? []), citation];
      if (isOpen) events.push(delta(index, { type: "citations_delta", citation }));
    }
    return events;
  }

  /** Closes the block still open (a thinking block gets its signature first). */
  finish(): AnthropicStreamEvent[] {
    const events: AnthropicStreamEvent[] = [];
    this.#close(events);
    return events;
  }

  #nextServerId(): string {
    return this.#ids.serverToolUse(this.#serverCalls++);
  }

  /** The text block whose text holds byte `offset` of the answer (the last one at its end). */
  #textBlockAt(offset: number): number | undefined {
    let found: number | undefined;
    for (const [index, start] of this.#textStarts) {
      if (start > offset) break;
      found = index;
    }
    return offset <= this.#textBytes ? found : undefined;
  }

  /** A tool_use / server_tool_use block: started with empty input, the input as one JSON delta. */
  #addToolUse(
    events: AnthropicStreamEvent[],
    block: Extract<AnthropicContentBlock, { type: "tool_use" | "server_tool_use" }>,
  ) {
    this.#close(events);
    const index = this.blocks.length;
    this.blocks.push(block);
    events.push(
      { type: "content_block_start", index, content_block: { ...block, input: {} } },
      delta(index, { type: "input_json_delta", partial_json: JSON.stringify(block.input) }),
      { type: "content_block_stop", index },
    );
  }

  /** A result block: whole in its content_block_start, as Anthropic streams them. */
  #addWhole(events: AnthropicStreamEvent[], block: AnthropicContentBlock) {
    this.#close(events);
    const index = this.blocks.length;
    this.blocks.push(block);
    events.push(
      { type: "content_block_start", index, content_block: block },
      { type: "content_block_stop", index },
    );
  }

  #start<K extends "text" | "thinking">(events: AnthropicStreamEvent[], kind: K) {
    this.#close(events);
    const index = this.blocks.length;
    const block: AnthropicContentBlock =
      kind === "text"
        ? { type: "text", text: "" }
        : { type: "thinking", thinking: "", signature: "" };
    if (kind === "text") this.#textStarts.set(index, this.#textBytes);
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
