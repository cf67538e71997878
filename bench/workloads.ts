/**
 * The four workloads, each as the OpenAI request a client sends to the router and as the Gemini
 * request the direct and floor paths send. The Gemini body is produced by the router's own
 * translation of the OpenAI body, so every path makes the same Gemini call.
 */

import { toGeminiRequest } from "../src/surfaces/openai/translate/chat-request.ts";
import { toGeminiEmbeddingModel } from "../src/surfaces/openai/translate/embedding-model-name.ts";
import { toGeminiEmbedBatches } from "../src/surfaces/openai/translate/embeddings.ts";
import type { OpenAIChatRequest } from "../src/surfaces/openai/translate/openai-types.ts";
import { imageChatRequest } from "./micro-fixtures.ts";

export type WorkloadName =
  | "chat"
  | "image"
  | "stream"
  | "embed"
  | "stream-256"
  | "embed-100"
  | "embed-100-base64"
  | "interactions-256"
  | "image-2k"
  | "speech-30s";

export interface RequestSpec {
  method: "POST";
  /** Path and query, e.g. `/v1/chat/completions`. */
  path: string;
  headers: Record<string, string>;
  body: string;
}

export interface Workload {
  name: WorkloadName;
  label: string;
  streaming: boolean;
  gemini: RequestSpec;
  openai: RequestSpec;
  /** The Gemini request with the PASS as its key, for the router's native surface. */
  native: RequestSpec;
}

/** The request a path sends for a workload, in the API the path speaks. */
export function specFor(path: { speaks: "gemini" | "openai" | "native" }, workload: Workload) {
  return workload[path.speaks];
}

export interface Credentials {
  pass: string;
  /** The Gemini key the direct and floor paths send. */
  key: string;
}

const MODEL = "gemini-2.5-flash";

/**
 * The emulator echoes the prompt and streams it in word-sized pieces (at most `streamChunks`, at
 * most one per word, and no more words than `max_tokens`), so this ~100-word prompt makes a ~100-word
 * answer; the streams cut it with `max_tokens` to exactly as many chunks as they are named for.
 */
const PROMPT = [
  "Summarise the following notes for a colleague who missed the meeting, keeping every decision",
  "and owner: the team agreed to move the release to the second week of next month because the",
  "load tests showed a regression in time to first token; Priya owns the profiling work and will",
  "report back on Thursday; Marco will update the deployment scripts so that each backend holds at",
  "most eight keys; the documentation needs a new section on benchmarks, with the exact command",
  "and a table of results; finally, everyone should review the error budget before Friday and",
  "raise any concerns about the migration plan in the shared channel.",
].join(" ");

/** The user message of a stream: the prompt repeated until it has at least `words` words. */
function longPrompt(words: number) {
  const count = PROMPT.split(/\s+/).length;
  const text = Array.from({ length: Math.ceil(words / count) }, () => PROMPT).join(" ");
  return { role: "user" as const, content: text };
}

/**
 * The report's four workloads; with `cpu`, also those only the CPU table measures (a 256-chunk
 * stream, 100 embeddings as floats and as base64).
 */
export async function buildWorkloads(
  credentials: Credentials,
  /** `interactions`: also the streamed interaction (compare-cpu only; not in the report). */
  options: { cpu?: boolean; interactions?: boolean } = {},
): Promise<Workload[]> {
  const geminiHeaders = { "content-type": "application/json", "x-goog-api-key": credentials.key };
  const openaiHeaders = {
    "content-type": "application/json",
    authorization: `Bearer ${credentials.pass}`,
  };
  const chat: OpenAIChatRequest = {
    model: MODEL,
    messages: [
      { role: "system", content: "You are a concise assistant." },
      { role: "user", content: PROMPT },
    ],
    max_tokens: 512,
  };
  const call = await toGeminiRequest(chat, {
    defaultModel: MODEL,
    resolveImage: () => Promise.reject(new Error("no remote images in the benchmark")),
  });
  const geminiChatBody = JSON.stringify(call.body);
  // A chat carrying a 1 MB image as a base64 data URL: what the free plan's CPU limit is about.
  const imageChat = imageChatRequest();
  const imageCall = await toGeminiRequest(imageChat, {
    defaultModel: MODEL,
    resolveImage: () => Promise.reject(new Error("no remote images in the benchmark")),
  });
  // The streams: 64 and 256 text chunks (the emulator runs with streamChunks ≥ 256); the answer
  // ends at max_tokens words, so each chunk is one word and the finish reason is "length".
  const streamChat = (chunks: number): OpenAIChatRequest => ({
    ...chat,
    messages: [chat.messages[0] as OpenAIChatRequest["messages"][number], longPrompt(chunks)],
    max_tokens: chunks,
    stream: true,
  });
  const streamCall = async (chunks: number) =>
    (
      await toGeminiRequest(streamChat(chunks), {
        defaultModel: MODEL,
        resolveImage: () => Promise.reject(new Error("no remote images in the benchmark")),
      })
    ).body;
  const embedRequest = {
    model: "text-embedding-3-small",
    input: ["the quick brown fox", "jumps over", "the lazy dog", "and runs away"],
    // 768 dimensions (not gemini-embedding-001's 3072) keeps the emulator, which hashes its way
    // to every vector, from dominating the CPU it shares with the client.
    dimensions: 768,
  };
  const embedModel = toGeminiEmbeddingModel(embedRequest.model, undefined);
  const [embedBatch] = toGeminiEmbedBatches(embedRequest, embedModel);
  // A full batch: 100 inputs (Gemini's most per batchEmbedContents call), as a RAG indexer sends.
  const embed100 = {
    ...embedRequest,
    input: Array.from({ length: 100 }, (_, index) => `passage ${index}: ${PROMPT.slice(0, 200)}`),
  };
  const [embed100Batch] = toGeminiEmbedBatches(embed100, embedModel);
  const post = (path: string, headers: Record<string, string>, body: unknown): RequestSpec => ({
    method: "POST",
    path,
    headers,
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  const native = (gemini: RequestSpec): RequestSpec => ({
    ...gemini,
    headers: { ...gemini.headers, "x-goog-api-key": credentials.pass },
  });
  const workloads: Omit<Workload, "native">[] = [
    {
      name: "chat",
      label: "chat (non-streaming)",
      streaming: false,
      gemini: post(`/v1beta/models/${call.model}:generateContent`, geminiHeaders, geminiChatBody),
      openai: post("/v1/chat/completions", openaiHeaders, chat),
    },
    {
      name: "image",
      label: "chat with a 1 MB image (non-streaming)",
      streaming: false,
      gemini: post(
        `/v1beta/models/${imageCall.model}:generateContent`,
        geminiHeaders,
        JSON.stringify(imageCall.body),
      ),
      openai: post("/v1/chat/completions", openaiHeaders, imageChat),
    },
    {
      name: "stream",
      label: "chat (streaming, 64 chunks)",
      streaming: true,
      gemini: post(
        `/v1beta/models/${call.model}:streamGenerateContent?alt=sse`,
        geminiHeaders,
        await streamCall(64),
      ),
      openai: post("/v1/chat/completions", openaiHeaders, streamChat(64)),
    },
    {
      name: "embed",
      label: "embeddings (4 inputs × 768 dimensions)",
      streaming: false,
      gemini: post(`/v1beta/models/${embedModel}:batchEmbedContents`, geminiHeaders, embedBatch),
      openai: post("/v1/embeddings", openaiHeaders, embedRequest),
    },
  ];
  if (options.cpu) {
    workloads.push(
      {
        name: "stream-256",
        label: "chat (streaming, 256 chunks)",
        streaming: true,
        gemini: post(
          `/v1beta/models/${call.model}:streamGenerateContent?alt=sse`,
          geminiHeaders,
          await streamCall(256),
        ),
        openai: post("/v1/chat/completions", openaiHeaders, streamChat(256)),
      },
      {
        name: "embed-100",
        label: "embeddings (100 inputs × 768, float)",
        streaming: false,
        gemini: post(
          `/v1beta/models/${embedModel}:batchEmbedContents`,
          geminiHeaders,
          embed100Batch,
        ),
        openai: post("/v1/embeddings", openaiHeaders, embed100),
      },
      {
        name: "embed-100-base64",
        label: "embeddings (100 inputs × 768, base64)",
        streaming: false,
        gemini: post(
          `/v1beta/models/${embedModel}:batchEmbedContents`,
          geminiHeaders,
          embed100Batch,
        ),
        openai: post("/v1/embeddings", openaiHeaders, { ...embed100, encoding_format: "base64" }),
      },
    );
  }
  if (options.interactions) {
    workloads.push({
      // The Interactions API streamed (~256 text deltas and the lifecycle events), for the
      // native paths: the router re-tags each lifecycle event's interaction id. OpenAI paths
      // have no Interactions API; they run the 256-chunk chat stream.
      name: "interactions-256",
      label: "interaction (streaming, ~256 deltas)",
      streaming: true,
      gemini: post("/v1beta/interactions", geminiHeaders, {
        model: MODEL,
        input: longPrompt(256).content,
        generation_config: { max_output_tokens: 256 },
        stream: true,
      }),
      openai: post("/v1/chat/completions", openaiHeaders, streamChat(256)),
    });
  }
  return workloads.map((workload) => ({ ...workload, native: native(workload.gemini) }));
}
