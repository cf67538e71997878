/** Server-sent events as OpenAI streams them: `data: <json>\n\n` and a final `data: [DONE]\n\n`. */
export const sseEvent = (value: unknown) => `data: ${JSON.stringify(value)}\n\n`;

export const SSE_DONE = "data: [DONE]\n\n";

export const SSE_HEADERS: Record<string, string> = {
  "content-type": "text/event-stream; charset=utf-8",
  "cache-control": "no-cache",
  connection: "keep-alive",
};
