/**
 * Where a request's CPU goes on the backend, stage by stage, for chat, stream and embeddings:
 * parse (request JSON, and Gemini's answer or its SSE events), validate (valibot), translate
 * (OpenAI ⇄ Gemini objects), serialize (the upstream body and the client's answer or SSE frames)
 * — each timed in this Node process over many repetitions — and framework: the backend's workerd
 * CPU per request measured under load, less those stages (Hono, the runtime's HTTP, fetch, pool).
 * Node's V8 is older than workerd's, so the split is an estimate; the total is measured.
 */
import { createParser } from "eventsource-parser";
import { sseEvent } from "../common/sse.ts";
import type { GeminiGenerateContentResponse } from "../src/gemini/types.ts";
import { parseJsonKeepingLongStrings } from "../src/http/long-strings.ts";
import { toGeminiRequest } from "../src/surfaces/openai/translate/chat-request.ts";
import { fromGeminiResponse } from "../src/surfaces/openai/translate/chat-response.ts";
import { ChatStreamTranslator } from "../src/surfaces/openai/translate/chat-stream.ts";
import { toGeminiEmbeddingModel } from "../src/surfaces/openai/translate/embedding-model-name.ts";
import {
  fromGeminiEmbeddings,
  toGeminiEmbedBatches,
} from "../src/surfaces/openai/translate/embeddings.ts";
import { parseChatRequest } from "../src/surfaces/openai/validate/chat-request.ts";
import { parseEmbeddingRequest } from "../src/surfaces/openai/validate/embedding-request.ts";
import { hoistExtraBody } from "../src/surfaces/openai/validate/extra-body.ts";

export type Stage = "parse" | "validate" | "translate" | "serialize";
export const STAGES: Stage[] = ["parse", "validate", "translate", "serialize"];

export interface Breakdown {
  workload: "chat" | "stream" | "embed";
  /** µs per request for each stage, measured in Node. */
  stages: Record<Stage, number>;
}

/** What each stage does for one request of a workload, given the bodies that travel. */
interface StageInputs {
  request: string;
  /** Gemini's whole answer, or its SSE text for a stream. */
  upstream: string;
}

const options = {
  defaultModel: "gemini-2.5-flash",
  resolveImage: () => Promise.reject(new Error("no remote images in the breakdown")),
};
const context = { id: "chatcmpl-bench", model: "gemini-2.5-flash", created: 0 };

/** Mean µs of `run` over repetitions filling about `budgetMs`. */
async function time(run: () => unknown, budgetMs: number): Promise<number> {
  for (let warm = 0; warm < 20; warm++) await run();
  let count = 0;
  const started = performance.now();
  while (performance.now() - started < budgetMs) {
    for (let batch = 0; batch < 10; batch++) await run();
    count += 10;
  }
  return ((performance.now() - started) * 1000) / count;
}

async function chatStages(inputs: StageInputs, budgetMs: number): Promise<Record<Stage, number>> {
  const parsed = parseJsonKeepingLongStrings(inputs.request);
  const request = parseChatRequest(hoistExtraBody(parsed));
  const call = await toGeminiRequest(request, options);
  const answer = JSON.parse(inputs.upstream) as GeminiGenerateContentResponse;
  const completion = fromGeminiResponse(answer, { ...context, includeThoughts: false });
  return {
    parse: await time(() => {
      parseJsonKeepingLongStrings(inputs.request);
      JSON.parse(inputs.upstream);
    }, budgetMs),
    validate:
      (await time(() => parseChatRequest(hoistExtraBody(structuredClone(parsed))), budgetMs)) -
      (await time(() => structuredClone(parsed), budgetMs)),
    translate: await time(async () => {
      await toGeminiRequest(request, options);
      fromGeminiResponse(answer, { ...context, includeThoughts: false });
    }, budgetMs),
    serialize: await time(() => {
      JSON.stringify(call.body);
      JSON.stringify(completion);
    }, budgetMs),
  };
}

async function streamStages(inputs: StageInputs, budgetMs: number): Promise<Record<Stage, number>> {
  const base = await chatStages({ request: inputs.request, upstream: "{}" }, budgetMs);
  const events: string[] = [];
  createParser({ onEvent: (event) => events.push(event.data) }).feed(inputs.upstream);
  const chunks = events.map((data) => JSON.parse(data) as GeminiGenerateContentResponse);
  const translate = () => {
    const translator = new ChatStreamTranslator({
      ...context,
      includeThoughts: false,
      includeUsage: true,
    });
    const out = chunks.flatMap((chunk) => translator.push(chunk));
    return [...out, ...translator.end().chunks];
  };
  const outgoing = translate();
  const request = parseChatRequest(parseJsonKeepingLongStrings(inputs.request));
  const call = await toGeminiRequest(request, options);
  return {
    parse:
      base.parse +
      (await time(() => {
        const parser = createParser({ onEvent: (event) => JSON.parse(event.data) });
        parser.feed(inputs.upstream);
      }, budgetMs)),
    validate: base.validate,
    translate:
      (await time(() => toGeminiRequest(request, options), budgetMs)) +
      (await time(translate, budgetMs)),
    serialize:
      (await time(() => JSON.stringify(call.body), budgetMs)) +
      (await time(() => {
        for (const chunk of outgoing) sseEvent(chunk);
      }, budgetMs)),
  };
}

async function embedStages(inputs: StageInputs, budgetMs: number): Promise<Record<Stage, number>> {
  const parsed = JSON.parse(inputs.request);
  const request = parseEmbeddingRequest(parsed);
  const model = toGeminiEmbeddingModel(request.model, undefined);
  const batches = toGeminiEmbedBatches(request, model);
  const answer = JSON.parse(inputs.upstream);
  const inputsList = Array.isArray(request.input)
    ? (request.input as string[])
    : [String(request.input)];
  const embedContext = {
    model: request.model,
    encodingFormat: "float" as const,
    inputs: inputsList,
    dimensions: request.dimensions,
  };
  const response = fromGeminiEmbeddings([answer], embedContext);
  return {
    parse: await time(() => {
      parseJsonKeepingLongStrings(inputs.request);
      JSON.parse(inputs.upstream);
    }, budgetMs),
    validate: await time(() => parseEmbeddingRequest(parsed), budgetMs),
    translate: await time(() => {
      toGeminiEmbedBatches(request, model);
      fromGeminiEmbeddings([answer], embedContext);
    }, budgetMs),
    serialize: await time(() => {
      for (const batch of batches) JSON.stringify(batch);
      JSON.stringify(response);
    }, budgetMs),
  };
}

/** The stage breakdown for each workload, from the bodies the bench sends and gets back. */
export async function measureBreakdown(
  bodies: Record<Breakdown["workload"], StageInputs>,
  quick: boolean,
): Promise<Breakdown[]> {
  const budgetMs = quick ? 40 : 200;
  return [
    { workload: "chat", stages: await chatStages(bodies.chat, budgetMs) },
    { workload: "stream", stages: await streamStages(bodies.stream, budgetMs) },
    { workload: "embed", stages: await embedStages(bodies.embed, budgetMs) },
  ];
}
