/** Server-sent events as OpenAI streams them: `data: <json>\n\n` and a final `data: [DONE]\n\n`. */
export const sseEvent = (value: unknown) => `data: ${JSON.stringify(value)}\n\n`;

export const SSE_DONE = "data: [DONE]\n\n";

export const SSE_HEADERS: Record<string, string> = {
  "content-type": "text/event-stream; charset=utf-8",
  "cache-control": "no-cache",
  connection: "keep-alive",
};

/**
 * An SSE comment: what OpenAI-style streams send while there is nothing to say. Every SSE parser
 * skips lines starting with ":" (the openai SDKs, eventsource-parser, @google/genai).
 */
export const SSE_KEEPALIVE = ": keep-alive\n\n";
