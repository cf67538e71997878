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
 * `body` as it is, except that if it breaks (the worker producing it died, or the connection was
 * cut), the reader gets `streamErrorEvent` and a closed stream instead of what would otherwise
 * look like a clean end. One read in, one chunk out.
 */
export function endBrokenStreamWithError(
  body: ReadableStream<Uint8Array>,
  describe: (cause: unknown) => string,
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
          const error = new ApiError(502, describe(cause), {
            type: "api_error",
            code: "stream_interrupted",
          });
          controller.enqueue(streamErrorEvent(error));
          controller.close();
        }
      },
      cancel: (reason) => reader.cancel(reason),
    },
    { highWaterMark: 0 },
  );
}
