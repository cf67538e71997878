import { SSE_HEADERS } from "../../../common/sse.ts";
import type { GeminiGenerateContentResponse } from "../../gemini/types.ts";
import type { GeminiPool } from "../../pool/gemini-pool.ts";
import { streamFromGemini } from "../../stream/translated-stream.ts";
import { anthropicErrorEvent, anthropicEvent, anthropicEvents } from "./sse.ts";
import type { GeminiMessagesCall } from "./translate/request.ts";
import type { MessageContext } from "./translate/response.ts";
import { MessagesStreamTranslator } from "./translate/stream.ts";

/**
 * Streams a message as Anthropic SSE. Another key is tried only until Gemini's first event has
 * arrived, before any byte reaches the client; after that a failure is an `error` event and the
 * stream ends without `message_stop`.
 */
export async function streamMessage(
  pool: GeminiPool,
  call: GeminiMessagesCall,
  context: MessageContext,
  onHead?: (head: GeminiGenerateContentResponse) => void,
): Promise<Response> {
  const translator = new MessagesStreamTranslator(context);
  const body = await streamFromGemini(
    pool,
    call,
    {
      push: (event) => anthropicEvents(translator.push(event)),
      end: () => {
        const end = translator.end();
        return Array.isArray(end) ? anthropicEvents(end) : end;
      },
      fail: anthropicErrorEvent,
      // Anthropic's own keep-alive, which its SDKs read past.
      keepAlive: anthropicEvent({ type: "ping" }),
    },
    onHead,
  );
  return new Response(body, { headers: SSE_HEADERS });
}
