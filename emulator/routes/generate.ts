import { mediaAnswer, mediaResponse, mediaStreamChunks } from "../behaviour/media-answer.ts";
import { planAnswer } from "../behaviour/plan-answer.ts";
import { toGenerateResponse, toStreamChunks } from "../behaviour/shape-response.ts";
import { internalError } from "../errors.ts";
import { delay, sendJson, writeAndWait } from "../http-io.ts";
import type { GeminiModel } from "../models/catalog.ts";
import type { GenerateContentRequest } from "../validate/request-shapes.ts";
import type { RouteContext } from "./route-context.ts";

/** `POST /v1beta/models/{model}:generateContent`. Honours the key's stall-body behaviour. */
export function generateContent(
  context: RouteContext,
  model: GeminiModel,
  request: GenerateContentRequest,
  cachedTokens = 0,
) {
  const caller = { project: context.state.projectOf(context.key), streamed: false };
  const planned = planAnswer(request, model, cachedTokens, caller);
  const media = mediaAnswer(request, model, planned);
  const answer = media ? mediaResponse(planned, media) : toGenerateResponse(planned);
  if (context.behavior?.kind !== "stall-body") return sendJson(context.response, 200, answer);
  const text = JSON.stringify(answer);
  context.response.writeHead(200, { "content-type": "application/json; charset=UTF-8" });
  context.response.write(text.slice(0, text.length / 2));
}

/**
 * `POST /v1beta/models/{model}:streamGenerateContent`: SSE (`data: {...}\r\n\r\n`, no [DONE]) with
 * `alt=sse`, otherwise one JSON array written element by element. Honours the key's cut-stream,
 * end-stream and error-in-stream behaviours.
 */
export async function streamGenerateContent(
  context: RouteContext,
  model: GeminiModel,
  request: GenerateContentRequest,
  cachedTokens = 0,
) {
  const { response, state, behavior } = context;
  const sse = context.url.searchParams.get("alt") === "sse";
  const caller = { project: state.projectOf(context.key), streamed: true };
  const planned = planAnswer(request, model, cachedTokens, caller);
  const media = mediaAnswer(request, model, planned);
  const chunks = media
    ? mediaStreamChunks(planned, media, state.options.streamChunks)
    : toStreamChunks(planned, state.options.streamChunks);
  response.writeHead(200, {
    "content-type": sse ? "text/event-stream" : "application/json; charset=UTF-8",
    "content-disposition": "attachment",
    "cache-control": "no-cache",
  });
  response.flushHeaders();
  const frame = (body: unknown, index: number) =>
    sse
      ? `data: ${JSON.stringify(body)}\r\n\r\n`
      : `${index === 0 ? "[" : "\n,\r\n"}${JSON.stringify(body, null, 2)}`;

  for (const [index, chunk] of chunks.entries()) {
    if (behavior?.kind === "cut-stream" && index >= behavior.afterChunks) {
      response.destroy();
      return;
    }
    if (behavior?.kind === "end-stream" && index >= behavior.afterChunks) break;
    if (behavior?.kind === "error-in-stream" && index >= behavior.afterChunks) {
      await writeAndWait(response, frame(internalError().toJSON(), index));
      response.end(sse ? "" : "]");
      return;
    }
    if (index > 0) await delay(state.options.streamIntervalMs);
    if (response.destroyed) return;
    await writeAndWait(response, frame(chunk, index));
  }
  response.end(sse ? "" : "]");
}
