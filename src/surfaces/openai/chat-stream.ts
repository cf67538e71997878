import type { ApiError } from "../../../common/api-error.ts";
import { SSE_DONE, SSE_HEADERS, SSE_KEEPALIVE, sseEvent as sse } from "../../../common/sse.ts";
import type { GeminiGenerateContentResponse } from "../../gemini/types.ts";
import type { GeminiPool } from "../../pool/gemini-pool.ts";
import { type StreamTranslator, streamFromGemini } from "../../stream/translated-stream.ts";
import type { GeminiChatCall } from "./translate/chat-request.ts";
import { ChatStreamTranslator, type StreamContext } from "./translate/chat-stream.ts";

/**
 * Streams a chat completion as OpenAI SSE. Another key is tried only until the first Gemini event
 * has arrived — before any byte reaches the client. After that a failure becomes an OpenAI-shaped
 * `data: {"error":…}` event and the stream ends without `[DONE]`.
 */
export async function streamChatCompletion(
  pool: GeminiPool,
  call: GeminiChatCall,
  context: StreamContext,
  onHead?: (head: GeminiGenerateContentResponse) => void,
) {
  const translator = openAIChunks(new ChatStreamTranslator(context));
  const body = await streamFromGemini(pool, call, translator, onHead);
  return new Response(body, { headers: SSE_HEADERS });
}

/** OpenAI chunk objects framed as `data:` events; `[DONE]` only after a clean end. */
function openAIChunks(translator: ChatStreamTranslator): StreamTranslator {
  return {
    push: (event) => translator.push(event).map(sse).join(""),
    end: () => {
      const end = translator.end();
      return end.error ?? end.chunks.map(sse).join("") + SSE_DONE;
    },
    fail: (error: ApiError) => sse(error.toJSON()),
    keepAlive: SSE_KEEPALIVE,
  };
}
