import type { GeminiModel } from "../../../gemini/types.ts";

/** Anthropic's ModelInfo (`@anthropic-ai/sdk` resources/models.d.ts), as the router can fill it. */
export interface AnthropicModelInfo {
  type: "model";
  id: string;
  display_name: string;
  created_at: string;
  capabilities: null;
  deprecated_at: null;
  lifecycle: "active";
  line: null;
  max_input_tokens: number | null;
  max_tokens: number | null;
  retires_at: null;
}

export interface AnthropicModelPage {
  data: AnthropicModelInfo[];
  has_more: boolean;
  first_id: string | null;
  last_id: string | null;
}

/** Gemini gives no release date: Anthropic's documented stand-in for an unknown one is the epoch. */
const UNKNOWN_RELEASE = "1970-01-01T00:00:00Z";

/**
 * A Gemini model → Anthropic's ModelInfo. `id` is what a client sends as `model` (the id
 * without `models/`, or the Claude name it asked about); `servedBy` names the Gemini model behind
 * a Claude name. Capabilities are left null (allowed): Gemini's model resource does not list them.
 */
export function toAnthropicModel(
  model: GeminiModel,
  id = model.name.replace(/^models\//, ""),
): AnthropicModelInfo {
  const geminiId = model.name.replace(/^models\//, "");
  const name = model.displayName || geminiId;
  return {
    type: "model",
    id,
    display_name: id === geminiId ? name : `${id} (served by ${name})`,
    created_at: UNKNOWN_RELEASE,
    capabilities: null,
    deprecated_at: null,
    lifecycle: "active",
    line: null,
    max_input_tokens: model.inputTokenLimit ?? null,
    max_tokens: model.outputTokenLimit ?? null,
    retires_at: null,
  };
}

export interface PageQuery {
  limit: number;
  afterId?: string;
  beforeId?: string;
}

/**
 * One page of a list as Anthropic pages it: `limit` items after `after_id` (or the last `limit`
 * before `before_id`), with `has_more` and the page's `first_id` / `last_id`. An id the list does
 * not hold pages from the start (after) or the end (before), as if the cursor were past it.
 */
export function toModelPage(
  models: readonly AnthropicModelInfo[],
  query: PageQuery,
): AnthropicModelPage {
  let start = 0;
  let end = models.length;
  if (query.afterId !== undefined) {
    start = models.findIndex((model) => model.id === query.afterId) + 1;
    end = Math.min(models.length, start + query.limit);
  } else if (query.beforeId !== undefined) {
    const before = models.findIndex((model) => model.id === query.beforeId);
    end = before === -1 ? models.length : before;
    start = Math.max(0, end - query.limit);
  } else {
    end = Math.min(models.length, query.limit);
  }
  const data = models.slice(start, end);
  const hasMore = query.beforeId !== undefined ? start > 0 : end < models.length;
  return {
    data,
    has_more: hasMore,
    first_id: data[0]?.id ?? null,
    last_id: data.at(-1)?.id ?? null,
  };
}
