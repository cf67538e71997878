import { ApiError } from "./api-error.ts";

const encoder = new TextEncoder();

/**
 * One SSE event that every streaming client in use reads as a failure: `event: error` (the
 * Anthropic SDKs throw on it) whose data carries an `error` object (the openai SDKs and Google's
 * SDK throw on that) in OpenAI's field names plus Anthropic's `type: "error"`.
 */
export function streamErrorEvent(error: ApiError): Uint8Array {
  const data = { type: "error", ...error.toJSON() };
  return encoder.encode(`event: error\ndata: ${JSON.stringify(data)}\n\n`);
}

/**
 * How a native Gemini SSE stream (`:streamGenerateContent?alt=sse`) that stops unfinished ends,
 * so that both of Google's SDKs throw: Gemini's own mid-stream error event
 * (`data: {"error":{"code","message","status"}}`, which @google/genai throws as an ApiError), then
 * an SSE comment. Spec-following readers skip the comment; the legacy @google/generative-ai reads
 * error events as answers (it would end quietly) but cannot read anything that does not start with
 * `data: `, and fails at the end with "Failed to parse stream". `lead` ends what came before
 * (nothing when it ended an event, `\r\n\r\n` otherwise).
 */
export function geminiStreamErrorEnd(message: string, lead = ""): Uint8Array {
  const error = { error: { code: 502, message, status: "UNAVAILABLE" } };
  return encoder.encode(`${lead}data: ${JSON.stringify(error)}\r\n\r\n${INCOMPLETE_COMMENT}`);
}

/** The SSE comment that ends an unfinished native Gemini stream (see geminiStreamErrorEnd). */
export const INCOMPLETE_COMMENT = ": the answer is incomplete\r\n\r\n";

/**
 * `body` as it is, except that if it breaks (the worker producing it died, or the connection was
 * cut), the reader gets `streamErrorEvent` and a closed stream instead of what would otherwise
 * look like a clean end. One read in, one chunk out.
 */
export function endBrokenStreamWithError(
  body: ReadableStream<Uint8Array>,
  describe: (cause: unknown) => string,
  /** The closing bytes in the client's own stream shape (default: streamErrorEvent). */
  render: (message: string) => Uint8Array = (message) =>
    streamErrorEvent(new ApiError(502, message, { type: "api_error", code: "stream_interrupted" })),
): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const { done, value } = await reader.read();
          if (done) controller.close();
          else controller.enqueue(value);
        } catch (cause) {
          controller.enqueue(render(describe(cause)));
          controller.close();
        }
      },
      cancel: (reason) => reader.cancel(reason),
    },
    { highWaterMark: 0 },
  );
}
