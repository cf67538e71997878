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

export type WorkloadName = "chat" | "image" | "stream" | "embed" | "image-2k" | "speech-30s";

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
 * The emulator echoes the prompt and streams it in word-sized pieces, so a ~100-word prompt makes
 * a ~100-word answer and lets a stream have its 64 chunks.
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

export async function buildWorkloads(credentials: Credentials): Promise<Workload[]> {
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
  const embedRequest = {
    model: "text-embedding-3-small",
    input: ["the quick brown fox", "jumps over", "the lazy dog", "and runs away"],
    // 768 dimensions (not gemini-embedding-001's 3072) keeps the emulator, which hashes its way
    // to every vector, from dominating the CPU it shares with the client.
    dimensions: 768,
  };
  const embedModel = toGeminiEmbeddingModel(embedRequest.model, undefined);
  const [embedBatch] = toGeminiEmbedBatches(embedRequest, embedModel);
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
      label: "chat (streaming)",
      streaming: true,
      gemini: post(
        `/v1beta/models/${call.model}:streamGenerateContent?alt=sse`,
        geminiHeaders,
        geminiChatBody,
      ),
      openai: post("/v1/chat/completions", openaiHeaders, { ...chat, stream: true }),
    },
    {
      name: "embed",
      label: "embeddings (4 inputs × 768 dimensions)",
      streaming: false,
      gemini: post(`/v1beta/models/${embedModel}:batchEmbedContents`, geminiHeaders, embedBatch),
      openai: post("/v1/embeddings", openaiHeaders, embedRequest),
    },
  ];
  return workloads.map((workload) => ({ ...workload, native: native(workload.gemini) }));
}
