import type { Context } from "hono";
import { pinForRequest } from "../../affinity/pin-for-body.ts";
import { FALLBACK_DEFAULT_MODEL } from "../../env.ts";
import type { AppEnv } from "../../http/app-env.ts";
import { noteModel } from "../../http/note-model.ts";
import { readJsonBody } from "../../http/read-json-body.ts";
import { DEFAULT_IMAGE_LIMITS, fetchRemoteImage } from "../../images/fetch-remote-image.ts";
import { generateContent } from "../../pool/generate-content.ts";
import { poolFor } from "../../pool/pool-from-env.ts";
import { streamChatCompletion } from "./chat-stream.ts";
import { toGeminiRequest } from "./translate/chat-request.ts";
import { fromGeminiResponse } from "./translate/chat-response.ts";
import { parseChatRequest } from "./validate/chat-request.ts";
import { hoistExtraBody } from "./validate/extra-body.ts";

/** `POST /v1/chat/completions`: OpenAI in, Gemini `generateContent` out and back. */
export async function chatCompletions(c: Context<AppEnv>) {
  const request = parseChatRequest(hoistExtraBody(await readJsonBody(c)));
  const allowLoopback = c.env.IMAGE_FETCH_ALLOW_LOOPBACK === "true";
  const call = await toGeminiRequest(request, {
    defaultModel: c.env.DEFAULT_MODEL || FALLBACK_DEFAULT_MODEL,
    resolveImage: (url) => fetchRemoteImage(url, { ...DEFAULT_IMAGE_LIMITS, allowLoopback }),
  });
  // A cache (extra_body.google.cached_content) or Gemini files: the key that owns them.
  const pool = await pinForRequest(poolFor(c), call.body);
  const context = {
    id: `chatcmpl-${crypto.randomUUID().replaceAll("-", "")}`,
    model: request.model || call.model,
    created: Math.floor(Date.now() / 1000),
    includeThoughts: call.includeThoughts,
    customTools: call.customTools,
  };
  if (request.stream) {
    const includeUsage = request.stream_options?.include_usage === true;
    return streamChatCompletion(pool, call, { ...context, includeUsage }, (head) =>
      noteModel(c, call.model, head),
    );
  }
  const response = await generateContent(pool, call);
  noteModel(c, call.model, response);
  return c.json(fromGeminiResponse(response, context));
}
