import type { GeminiGroundingMetadata, GeminiPart } from "../../../gemini/types.ts";
import { encodeBase64 } from "../../../media/base64-bytes.ts";
import {
  type AnthropicCodeExecutionResult,
  type AnthropicContentBlock,
  type AnthropicServerToolUse,
  type AnthropicWebSearchCitation,
  type AnthropicWebSearchResult,
  DIRECT_CALLER,
} from "./anthropic-types.ts";

/**
 * What Gemini's built-in tools did, as Anthropic's server tool blocks (the shapes
 * @anthropic-ai/sdk's ContentBlock union defines; https://docs.anthropic.com/en/docs/agents-and-tools/tool-use/web-search-tool
 * and /code-execution-tool).
 *
 * Code execution: Gemini runs Python (`executableCode`, then `codeExecutionResult` with an
 * outcome). That is Anthropic's `server_tool_use` named `code_execution` with input `{code}` and
 * its `code_execution_tool_result` holding a `code_execution_result` — the pair every code
 * execution tool version's types define for Python code (code_execution_20250825 and later use it
 * for code the container runs; their bash_code_execution / text_editor_code_execution blocks
 * describe shell commands and file edits, which Gemini never runs, so they are not claimed).
 */
export function toCodeExecutionUse(
  code: NonNullable<GeminiPart["executableCode"]>,
  id: string,
): AnthropicServerToolUse {
  return {
    type: "server_tool_use",
    id,
    name: "code_execution",
    input: { code: code.code },
    caller: DIRECT_CALLER,
  };
}

/**
 * codeExecutionResult → code_execution_tool_result. OUTCOME_OK is a run that returned 0 with the
 * output as stdout; OUTCOME_FAILED (and an unknown outcome) a run that failed, its output (the
 * traceback) as stderr with return code 1; OUTCOME_DEADLINE_EXCEEDED is Anthropic's
 * `execution_time_exceeded` error. Gemini makes no files here, so `content` is empty.
 */
export function toCodeExecutionResult(
  result: NonNullable<GeminiPart["codeExecutionResult"]>,
  toolUseId: string,
): AnthropicCodeExecutionResult {
  const output = result.output ?? "";
  const ok = result.outcome === "OUTCOME_OK";
  return {
    type: "code_execution_tool_result",
    tool_use_id: toolUseId,
    content:
      result.outcome === "OUTCOME_DEADLINE_EXCEEDED"
        ? { type: "code_execution_tool_result_error", error_code: "execution_time_exceeded" }
        : {
            type: "code_execution_result",
            stdout: ok ? output : "",
            stderr: ok ? "" : output,
            return_code: ok ? 0 : 1,
            content: [],
          },
  };
}

/**
 * The searches Google Search grounding ran (groundingMetadata.webSearchQueries; one when Gemini
 * grounded the answer without naming its query), each as a `server_tool_use` named `web_search`
 * with input `{query}` followed by its `web_search_tool_result`. Gemini does not say which query
 * found which source, so every source (groundingChunks with a web URI, each once) is listed in the
 * first search's result and the later searches list none.
 */
export function toWebSearchBlocks(
  metadata: GeminiGroundingMetadata,
  toolUseId: (search: number) => string,
): AnthropicContentBlock[] {
  const queries = webSearchQueries(metadata);
  const sources = toWebSearchResults(metadata);
  return queries.flatMap((query, search): AnthropicContentBlock[] => {
    const id = toolUseId(search);
    return [
      { type: "server_tool_use", id, name: "web_search", input: { query }, caller: DIRECT_CALLER },
      {
        type: "web_search_tool_result",
        tool_use_id: id,
        content: search === 0 ? sources : [],
        caller: DIRECT_CALLER,
      },
    ];
  });
}

/** The searches grounding ran: its queries, or one unnamed search when only sources came back. */
export function webSearchQueries(metadata: GeminiGroundingMetadata | undefined): string[] {
  const queries = (metadata?.webSearchQueries ?? []).filter((query) => typeof query === "string");
  if (queries.length > 0) return queries;
  return toWebSearchResults(metadata).length > 0 ? [""] : [];
}

/**
 * groundingChunks → web_search_result entries. Gemini gives a URI (often its grounding redirect)
 * and a title (often the site's domain); it gives no page age (null, as Anthropic's type allows)
 * and no page content. `encrypted_content` is opaque to clients, who only send it back: here it is
 * not encrypted but the source itself, base64 of `{"url","title"}`, so a block that comes back
 * still says what it was.
 */
function toWebSearchResults(
  metadata: GeminiGroundingMetadata | undefined,
): AnthropicWebSearchResult[] {
  const seen = new Set<string>();
  const results: AnthropicWebSearchResult[] = [];
  for (const chunk of metadata?.groundingChunks ?? []) {
    const url = chunk.web?.uri;
    if (!url || seen.has(url)) continue;
    seen.add(url);
    const title = chunk.web?.title || url;
    results.push({
      type: "web_search_result",
      url,
      title,
      page_age: null,
      encrypted_content: toOpaque({ url, title }),
    });
  }
  return results;
}

/** One citation and where, in the answer's visible text (UTF-8 bytes), the text it supports begins. */
export interface PlacedCitation {
  start: number;
  end: number;
  /** The supported segment's text when Gemini gave it. */
  text?: string;
  citation: Omit<AnthropicWebSearchCitation, "cited_text">;
}

/**
 * groundingSupports → `web_search_result_location` citations, one per (segment, source) pair.
 * Gemini names the part of the answer a source supports, not a quote from the source, so
 * `cited_text` (filled by the caller, who holds the text) is that part of the answer.
 * `encrypted_index` is base64 of `{"source": <groundingChunks index>}` — opaque, as Anthropic's.
 */
export function toWebSearchCitations(
  metadata: GeminiGroundingMetadata | undefined,
): PlacedCitation[] {
  const chunks = metadata?.groundingChunks ?? [];
  const placed: PlacedCitation[] = [];
  for (const support of metadata?.groundingSupports ?? []) {
    const segment = support.segment ?? {};
    for (const source of new Set(support.groundingChunkIndices ?? [])) {
      const web = chunks[source]?.web;
      if (!web?.uri) continue;
      placed.push({
        start: segment.startIndex ?? 0,
        end: segment.endIndex ?? segment.startIndex ?? 0,
        ...(typeof segment.text === "string" && { text: segment.text }),
        citation: {
          type: "web_search_result_location",
          url: web.uri,
          // Anthropic's type allows null; @ai-sdk/anthropic requires a string: the URI stands in.
          title: web.title || web.uri,
          encrypted_index: toOpaque({ source }),
        },
      });
    }
  }
  return placed;
}

const encoder = new TextEncoder();
const toOpaque = (value: unknown) => encodeBase64(encoder.encode(JSON.stringify(value)));
