/** Microbenchmarks (tinybench) of the pure code on the request path: translation, SSE, routing. */
import { createParser } from "eventsource-parser";
import { Bench } from "tinybench";
import { sseEvent } from "../common/sse.ts";
import { chooseBackend } from "../orchestrator/src/choose-backend.ts";
import type { GeminiGenerateContentResponse } from "../src/gemini/types.ts";
import { parseJsonKeepingLongStrings } from "../src/http/long-strings.ts";
import { toGeminiRequest } from "../src/surfaces/openai/translate/chat-request.ts";
import { fromGeminiResponse } from "../src/surfaces/openai/translate/chat-response.ts";
import { ChatStreamTranslator } from "../src/surfaces/openai/translate/chat-stream.ts";
import type { OpenAIChatRequest } from "../src/surfaces/openai/translate/openai-types.ts";
import { parseChatRequest } from "../src/surfaces/openai/validate/chat-request.ts";
import {
  imageChatRequest,
  longGeminiStream,
  longToolChatRequest,
  smallChatRequest,
  smallChatResponse,
  toolCallResponse,
} from "./micro-fixtures.ts";

export interface MicroResult {
  name: string;
  /** Mean and median time per operation, µs. */
  meanMicros: number;
  p50Micros: number;
  p99Micros: number;
  samples: number;
  /** Relative margin of error of the mean, %. */
  rme: number;
  /** For byte-throughput tasks: MB/s (10^6 bytes) at the mean time. */
  megabytesPerSecond?: number;
  /** Which target this result is judged against, if any. */
  targetMicros?: number;
}

const options = {
  defaultModel: "gemini-2.5-flash",
  resolveImage: () => Promise.reject(new Error("the benchmarks use data URLs only")),
};
const context = { id: "chatcmpl-bench", model: "gemini-2.5-flash", created: 0 };

/** What the worker does for one non-streaming chat, minus the network: translate both ways. */
async function translateBoth(request: OpenAIChatRequest, response: GeminiGenerateContentResponse) {
  const call = await toGeminiRequest(request, options);
  return fromGeminiResponse(response, { ...context, includeThoughts: call.includeThoughts });
}

/** The whole CPU path of the worker: JSON in, validate, translate, JSON out (both directions). */
async function fullCpuPath(requestJson: string, responseJson: string) {
  const request = parseChatRequest(parseJsonKeepingLongStrings(requestJson));
  const call = await toGeminiRequest(request, options);
  const upstreamBody = JSON.stringify(call.body);
  const response = JSON.parse(responseJson) as GeminiGenerateContentResponse;
  const completion = fromGeminiResponse(response, { ...context, includeThoughts: false });
  return upstreamBody.length + JSON.stringify(completion).length;
}

/** Splits bytes into network-sized pieces, as a response body would arrive. */
function toPieces(bytes: Uint8Array, size: number): Uint8Array[] {
  const pieces: Uint8Array[] = [];
  for (let from = 0; from < bytes.length; from += size)
    pieces.push(bytes.subarray(from, from + size));
  return pieces;
}

/** Gemini SSE bytes → decoded → eventsource-parser → JSON → OpenAI chunks → SSE bytes. */
function translateStream(pieces: readonly Uint8Array[]): number {
  const translator = new ChatStreamTranslator({
    ...context,
    includeThoughts: false,
    includeUsage: true,
  });
  let written = 0;
  const parser = createParser({
    onEvent(event) {
      const chunk = JSON.parse(event.data) as GeminiGenerateContentResponse;
      for (const out of translator.push(chunk)) written += sseEvent(out).length;
    },
  });
  const decoder = new TextDecoder();
  for (const piece of pieces) parser.feed(decoder.decode(piece, { stream: true }));
  for (const out of translator.end().chunks) written += sseEvent(out).length;
  return written;
}

export async function runMicro(quick: boolean): Promise<MicroResult[]> {
  const bench = new Bench({ time: quick ? 150 : 800, warmupTime: quick ? 50 : 200 });
  const longChat = longToolChatRequest();
  const image = imageChatRequest();
  const streamBytes = new TextEncoder().encode(longGeminiStream());
  const streamPieces = toPieces(streamBytes, 16 * 1024);
  const json = (value: unknown) => JSON.stringify(value);
  const backends3 = [8, 8, 4].map((weight, index) => ({ index, weight }));
  const backends13 = Array.from({ length: 13 }, (_, index) => ({
    index,
    weight: index < 12 ? 8 : 4,
  }));
  const targets: Record<string, number> = {
    "translate: small chat (request + response)": 200,
    "translate: 1 MB image request (+ response)": 5000,
  };
  bench
    .add("translate: small chat (request + response)", () =>
      translateBoth(smallChatRequest, smallChatResponse),
    )
    .add("translate: 100-message chat with 5 tools", () =>
      translateBoth(longChat, toolCallResponse),
    )
    .add("translate: 1 MB image request (+ response)", () =>
      translateBoth(image, smallChatResponse),
    )
    .add("full CPU path: small chat (JSON + validate + translate)", () =>
      fullCpuPath(json(smallChatRequest), json(smallChatResponse)),
    )
    .add("full CPU path: 100-message chat with tools", () =>
      fullCpuPath(json(longChat), json(toolCallResponse)),
    )
    .add("full CPU path: 1 MB image request", () =>
      fullCpuPath(json(image), json(smallChatResponse)),
    )
    .add(`stream: SSE parse + translate (${(streamBytes.length / 1e6).toFixed(2)} MB)`, () =>
      translateStream(streamPieces),
    )
    .add("route: weighted choice of 3 backends", () => chooseBackend(backends3))
    .add("route: weighted choice of 13 backends", () => chooseBackend(backends13));
  await bench.run();
  return bench.tasks.map((task) => {
    const result = task.result;
    if (result.state !== "completed") {
      const reason = result.state === "errored" ? result.error.message : result.state;
      throw new Error(`microbenchmark "${task.name}" failed: ${reason}`);
    }
    const { latency } = result;
    const micro: MicroResult = {
      name: task.name,
      meanMicros: latency.mean * 1000,
      p50Micros: latency.p50 * 1000,
      p99Micros: latency.p99 * 1000,
      samples: latency.samplesCount,
      rme: latency.rme,
    };
    if (task.name.startsWith("stream:")) {
      micro.megabytesPerSecond = streamBytes.length / 1e6 / (latency.mean / 1000);
    }
    const target = targets[task.name];
    if (target !== undefined) micro.targetMicros = target;
    return micro;
  });
}
