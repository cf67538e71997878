/**
 * The Responses API objects the router sends, as OpenAI defines them (openai-node's
 * `resources/responses/responses.d.ts`: Response, ResponseOutputItem, ResponseStreamEvent), reduced
 * to the kinds a Gemini answer can produce.
 */
export interface OutputTextLogprob {
  token: string;
  bytes: number[];
  logprob: number;
  top_logprobs: { token: string; bytes: number[]; logprob: number }[];
}

export interface OutputText {
  type: "output_text";
  text: string;
  annotations: UrlCitation[];
  logprobs: OutputTextLogprob[];
}

export interface UrlCitation {
  type: "url_citation";
  url: string;
  title: string;
  start_index: number;
  end_index: number;
}

export interface MessageItem {
  id: string;
  type: "message";
  role: "assistant";
  status: "in_progress" | "completed" | "incomplete";
  content: OutputText[];
}

export interface ReasoningItem {
  id: string;
  type: "reasoning";
  summary: { type: "summary_text"; text: string }[];
  encrypted_content?: string;
}

export interface FunctionCallItem {
  id: string;
  type: "function_call";
  call_id: string;
  name: string;
  namespace?: string;
  arguments: string;
  status: "in_progress" | "completed";
}

export interface CustomToolCallItem {
  id: string;
  type: "custom_tool_call";
  call_id: string;
  name: string;
  namespace?: string;
  input: string;
  status?: "in_progress" | "completed";
}

export type OutputItem = MessageItem | ReasoningItem | FunctionCallItem | CustomToolCallItem;

export interface ResponsesUsage {
  input_tokens: number;
  input_tokens_details: { cached_tokens: number; cache_write_tokens: number };
  output_tokens: number;
  output_tokens_details: { reasoning_tokens: number };
  total_tokens: number;
}

export interface ResponsesResponse {
  id: string;
  object: "response";
  created_at: number;
  status: "in_progress" | "completed" | "incomplete" | "failed";
  background: false;
  error: { code: string; message: string } | null;
  incomplete_details: { reason: "max_output_tokens" | "content_filter" } | null;
  instructions: string | null;
  max_output_tokens: number | null;
  metadata: Record<string, string>;
  model: string;
  output: OutputItem[];
  output_text: string;
  parallel_tool_calls: boolean;
  previous_response_id: null;
  reasoning: { effort: string | null; summary: string | null };
  store: boolean;
  temperature: number | null;
  text: { format: Record<string, unknown> };
  tool_choice: unknown;
  tools: unknown[];
  top_p: number | null;
  truncation: "disabled";
  usage: ResponsesUsage | null;
  /** As asked while in progress; the tier that served it once Gemini's usage says. */
  service_tier?: "auto" | "default" | "flex" | "scale" | "priority";
}

/** A stream event: its `type`, its `sequence_number`, and the fields of that type. */
export interface ResponsesEvent {
  type: string;
  sequence_number: number;
  [field: string]: unknown;
}
