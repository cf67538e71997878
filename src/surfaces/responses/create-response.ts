import type { Context } from "hono";
import { ApiError } from "../../../common/api-error.ts";
import { SSE_HEADERS, SSE_KEEPALIVE } from "../../../common/sse.ts";
import { pinForRequest } from "../../affinity/pin-for-body.ts";
import { FALLBACK_DEFAULT_MODEL } from "../../env.ts";
import type { AppEnv } from "../../http/app-env.ts";
import { noteModel } from "../../http/note-model.ts";
import { readJsonBody } from "../../http/read-json-body.ts";
import { DEFAULT_IMAGE_LIMITS, fetchRemoteImage } from "../../images/fetch-remote-image.ts";
import { generateContent } from "../../pool/generate-content.ts";
import { poolFor } from "../../pool/pool-from-env.ts";
import { streamFromGemini } from "../../stream/translated-stream.ts";
import { newId, ResponseBuilder } from "./translate/output-builder.ts";
import type { ResponsesEvent, ResponsesResponse } from "./translate/response-types.ts";
import { type ResponsesCall, toGeminiRequest } from "./translate/responses-request.ts";
import { parseResponsesRequest, type ResponsesRequest } from "./validate/responses-request.ts";

/** Names the hosted tools that were left out because the model cannot combine them. */
export const DROPPED_TOOLS_HEADER = "x-router-dropped-tools";

/**
 * `POST /v1/responses`, stateless: Responses in, Gemini `generateContent` out and back. Nothing
 * is stored (`store: true` is accepted and echoed, but no response can be fetched later).
 */
export async function createResponse(c: Context<AppEnv>) {
  const request = parseResponsesRequest(await readJsonBody(c));
  const allowLoopback = c.env.IMAGE_FETCH_ALLOW_LOOPBACK === "true";
  const call = await toGeminiRequest(request, {
    defaultModel: c.env.DEFAULT_MODEL || FALLBACK_DEFAULT_MODEL,
    resolveImage: (url) => fetchRemoteImage(url, { ...DEFAULT_IMAGE_LIMITS, allowLoopback }),
  });
  const headers: Record<string, string> = {};
  if (call.dropped.length > 0) headers[DROPPED_TOOLS_HEADER] = call.dropped.join(", ");
  const builder = new ResponseBuilder({
    response: createdResponse(request, call),
    names: call.names,
    reasoning: call.reasoning,
    includeEncryptedReasoning: call.includeEncryptedReasoning,
    includeLogprobs: call.includeLogprobs,
  });
  // Gemini files (input_file / input_image naming files/{id}): the key that owns them.
  const pool = await pinForRequest(poolFor(c), call.body);

  if (request.stream) {
    const body = await streamFromGemini(
      pool,
      call,
      {
        push: (event) => frame(builder.push(event)),
        end: () => frame(builder.finish()),
        fail: (error: ApiError) => frame(builder.fail(failureCode(error), error.message)),
        keepAlive: SSE_KEEPALIVE,
      },
      (head) => noteModel(c, call.model, head),
    );
    return new Response(body, { headers: { ...SSE_HEADERS, ...headers } });
  }

  const answer = await generateContent(pool, call);
  noteModel(c, call.model, answer);
  builder.push(answer);
  builder.finish();
  const response = builder.response;
  if (response.status === "failed") {
    throw new ApiError(502, response.error?.message ?? "Gemini failed.", {
      type: "api_error",
      code: "upstream_invalid_answer",
      headers,
    });
  }
  return c.json(response, 200, headers);
}

/** Server-sent events as the Responses API frames them: `event: <type>` and `data: <json>`, no `[DONE]`. */
function frame(events: readonly ResponsesEvent[]): string {
  let text = "";
  for (const event of events) text += `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
  return text;
}

function failureCode(error: ApiError): string {
  if (error.status === 429) return "rate_limit_exceeded";
  return "server_error";
}

/**
 * A tool as OpenAI echoes it: a function tool always carries `strict` (true unless the request
 * said otherwise: the Responses API's default), `description` and `parameters` (null when absent).
 */
function echoTool(tool: Record<string, unknown>): Record<string, unknown> {
  if (tool.type !== "function") return tool;
  return {
    ...tool,
    description: tool.description ?? null,
    parameters: tool.parameters ?? null,
    strict: tool.strict ?? true,
  };
}

/** The response object as `response.created` shows it: the request's settings echoed, no output yet. */
function createdResponse(request: ResponsesRequest, call: ResponsesCall): ResponsesResponse {
  return {
    id: newId("resp"),
    object: "response",
    created_at: Math.floor(Date.now() / 1000),
    status: "in_progress",
    background: false,
    error: null,
    incomplete_details: null,
    instructions: request.instructions ?? null,
    max_output_tokens: request.max_output_tokens ?? null,
    metadata: request.metadata ?? {},
    model: request.model || call.model,
    output: [],
    output_text: "",
    parallel_tool_calls: request.parallel_tool_calls ?? true,
    previous_response_id: null,
    reasoning: {
      effort: request.reasoning?.effort ?? null,
      summary: request.reasoning?.summary ?? null,
    },
    store: request.store ?? true,
    temperature: request.temperature ?? null,
    text: { format: request.text?.format ?? { type: "text" } },
    tool_choice: request.tool_choice ?? "auto",
    tools: (request.tools ?? []).map(echoTool),
    top_p: request.top_p ?? null,
    truncation: "disabled",
    usage: null,
    ...(request.service_tier && { service_tier: request.service_tier }),
  };
}
