import type { Context } from "hono";
import { FALLBACK_DEFAULT_MODEL } from "../../env.ts";
import type { AppEnv } from "../../http/app-env.ts";
import { noteModel } from "../../http/note-model.ts";
import { readJsonBody } from "../../http/read-json-body.ts";
import { DEFAULT_IMAGE_LIMITS, fetchRemoteImage } from "../../images/fetch-remote-image.ts";
import { generateContent } from "../../pool/generate-content.ts";
import { poolFor } from "../../pool/pool-from-env.ts";
import { streamMessage } from "./messages-stream.ts";
import { readModelMap, resolveModel } from "./model-map.ts";
import type { ResolveImage } from "./translate/content-blocks.ts";
import { toGeminiRequest } from "./translate/request.ts";
import { fromGeminiResponse } from "./translate/response.ts";
import { parseMessagesRequest } from "./validate/messages-request.ts";

/** `POST /v1/messages`: Anthropic Messages in, Gemini generateContent out and back. */
export async function messages(c: Context<AppEnv>) {
  const request = parseMessagesRequest(await readJsonBody(c));
  const selection = selectModel(c, request.model);
  const call = await toGeminiRequest(request, selection, imageResolver(c));
  const pool = poolFor(c);
  const context = {
    id: `msg_${crypto.randomUUID().replaceAll("-", "")}`,
    model: request.model,
    // A Claude name is echoed, as Claude clients expect; a Gemini id asked for directly is
    // answered with the model that served it.
    servedModel: !/^claude/i.test(request.model.trim()),
    includeThoughts: call.includeThoughts,
  };
  if (request.stream) {
    return streamMessage(pool, call, context, (head) => noteModel(c, call.model, head));
  }
  const response = await generateContent(pool, call);
  noteModel(c, call.model, response);
  return c.json(fromGeminiResponse(response, context));
}

export function selectModel(c: Context<AppEnv>, requested: string) {
  return resolveModel(
    requested,
    readModelMap(c.env.ANTHROPIC_MODEL_MAP),
    c.env.DEFAULT_MODEL || FALLBACK_DEFAULT_MODEL,
  );
}

/** Image URLs are downloaded under the same SSRF rules as the OpenAI surface's image_url. */
export function imageResolver(c: Context<AppEnv>): ResolveImage {
  const allowLoopback = c.env.IMAGE_FETCH_ALLOW_LOOPBACK === "true";
  return (url) => fetchRemoteImage(url, { ...DEFAULT_IMAGE_LIMITS, allowLoopback });
}
