import { thoughtSignatureFor } from "./function-calls.ts";
import { GENERATED_IMAGE } from "./generated-parts.ts";
import { logprobsFor } from "./logprobs.ts";
import { type PlannedAnswer, signsCalls } from "./plan-answer.ts";

type Part = Record<string, unknown>;
type Response = Record<string, unknown>;

/** The whole answer as one GenerateContentResponse. */
export function toGenerateResponse(answer: PlannedAnswer): Response {
  if (answer.blockReason) return blockedResponse(answer);
  const parts: Part[] = [];
  if (answer.thought) parts.push({ text: answer.thought, thought: true });
  parts.push(...serverToolParts(answer));
  parts.push(...codeParts(answer));
  if (answer.text !== undefined) parts.push({ text: answer.text });
  if (answer.image) parts.push({ inlineData: GENERATED_IMAGE });
  parts.push(...callParts(answer));
  return envelope(answer, candidates(answer, parts, true, answer.text), answer.usage);
}

/**
 * The answer as a stream: thoughts first, executed code, the text in `chunkCount` pieces, the
 * image, or all function calls in one chunk; then a separate last chunk with the finish reason
 * and usage.
 */
export function toStreamChunks(answer: PlannedAnswer, chunkCount: number): Response[] {
  if (answer.blockReason) return [blockedResponse(answer)];
  const chunks: Response[] = [];
  const push = (parts: Part[], text?: string) =>
    chunks.push(envelope(answer, candidates(answer, parts, false, text)));
  if (answer.thought) push([{ text: answer.thought, thought: true }]);
  for (const part of [...serverToolParts(answer), ...codeParts(answer)]) push([part]);
  if (answer.text !== undefined) {
    const pieces = splitText(answer.text, chunkCount);
    for (const [index, piece] of pieces.entries()) {
      push([{ text: piece }], piece);
      // Long decode: a checkpoint token half-way through the hop, on an event with no finish.
      if (answer.checkpoint && index === Math.floor((pieces.length - 1) / 2)) {
        const list = chunks.at(-1)?.candidates as Record<string, unknown>[] | undefined;
        for (const candidate of list ?? []) candidate.continuationToken = answer.checkpoint;
      }
    }
  }
  if (answer.image) push([{ inlineData: GENERATED_IMAGE }]);
  if (answer.calls.length > 0) push(callParts(answer));
  const answered = answer.finish.content === "full" || answer.finish.content === "half";
  chunks.push(
    envelope(answer, candidates(answer, answered ? [{ text: "" }] : [], true), answer.usage),
  );
  return chunks;
}

/** The Google Search the model ran, shown to the client to send back in the history. */
function serverToolParts(answer: PlannedAnswer): Part[] {
  if (!answer.showsServerTools) return [];
  const id = `search_${answer.responseId.slice(0, 8)}`;
  return [
    {
      toolCall: { id, toolType: "GOOGLE_SEARCH_WEB", args: { queries: [answer.query] } },
      thoughtSignature: thoughtSignatureFor(answer.model.baseModelId, id),
    },
    {
      toolResponse: {
        id,
        toolType: "GOOGLE_SEARCH_WEB",
        response: { results: [{ uri: "https://example.com/echo", title: "example.com" }] },
      },
    },
  ];
}

function codeParts(answer: PlannedAnswer): Part[] {
  if (!answer.code) return [];
  return [
    { executableCode: { language: "PYTHON", code: answer.code.code } },
    { codeExecutionResult: { outcome: answer.code.outcome, output: answer.code.output } },
  ];
}

function callParts(answer: PlannedAnswer): Part[] {
  return answer.calls.map((call) => ({
    functionCall: { name: call.name, args: call.args },
    ...(signsCalls(answer)
      ? { thoughtSignature: thoughtSignatureFor(answer.model.baseModelId, call.name) }
      : {}),
  }));
}

function candidates(answer: PlannedAnswer, parts: Part[], final: boolean, text?: string) {
  const { finish } = answer;
  const content =
    parts.length > 0
      ? { content: { parts, role: "model" } }
      : finish.content === "empty-object"
        ? { content: {} }
        : {};
  const logprobs =
    answer.logprobsTop !== undefined && text !== undefined
      ? logprobsFor(text, answer.logprobsTop)
      : {};
  return Array.from({ length: answer.candidateCount }, (_, index) => ({
    ...content,
    ...(final ? { finishReason: answer.finishReason } : {}),
    ...(final && answer.continuationToken ? { continuationToken: answer.continuationToken } : {}),
    ...(final && answer.finishMessage ? { finishMessage: answer.finishMessage } : {}),
    ...(final && finish.blockedRating ? { safetyRatings: BLOCKED_RATINGS } : {}),
    ...(final && finish.citation ? { citationMetadata: citationFor(answer) } : {}),
    index,
    ...(final && answer.grounded ? { groundingMetadata: groundingFor(answer) } : {}),
    ...logprobs,
  }));
}

function envelope(answer: PlannedAnswer, list: unknown[], usage?: unknown): Response {
  return {
    candidates: list,
    ...(usage ? { usageMetadata: usage } : {}),
    modelVersion: answer.modelVersion,
    ...(answer.modelStatus ? { modelStatus: answer.modelStatus } : {}),
    responseId: answer.responseId,
  };
}

const BLOCKED_RATINGS = [
  { category: "HARM_CATEGORY_SEXUALLY_EXPLICIT", probability: "NEGLIGIBLE" },
  { category: "HARM_CATEGORY_HATE_SPEECH", probability: "NEGLIGIBLE" },
  { category: "HARM_CATEGORY_HARASSMENT", probability: "NEGLIGIBLE" },
  { category: "HARM_CATEGORY_DANGEROUS_CONTENT", probability: "HIGH", blocked: true },
];

function blockedResponse(answer: PlannedAnswer): Response {
  return {
    promptFeedback: {
      blockReason: answer.blockReason,
      ...(answer.blockReason === "SAFETY" ? { safetyRatings: BLOCKED_RATINGS } : {}),
    },
    usageMetadata: answer.usage,
    modelVersion: answer.modelVersion,
    ...(answer.modelStatus ? { modelStatus: answer.modelStatus } : {}),
    responseId: answer.responseId,
  };
}

function citationFor(answer: PlannedAnswer) {
  const text = answer.text ?? "";
  return {
    citationSources: [
      { startIndex: 0, endIndex: Buffer.byteLength(text), uri: "https://example.com/recited" },
    ],
  };
}

function groundingFor(answer: PlannedAnswer) {
  const text = answer.text ?? "";
  const words = text.split(" ");
  const firstHalf = words.slice(0, Math.ceil(words.length / 2)).join(" ");
  return {
    searchEntryPoint: { renderedContent: `<div class="emulated-search">${answer.query}</div>` },
    groundingChunks: [
      { web: { uri: "https://example.com/echo", title: "example.com" } },
      { web: { uri: "https://example.org/source", title: "example.org" } },
    ],
    groundingSupports: [
      {
        segment: { startIndex: 0, endIndex: Buffer.byteLength(firstHalf), text: firstHalf },
        groundingChunkIndices: [0],
      },
      {
        segment: { startIndex: 0, endIndex: Buffer.byteLength(text), text },
        groundingChunkIndices: [0, 1],
      },
    ],
    webSearchQueries: [answer.query],
  };
}

/** `count` pieces of whole words (fewer if the text is shorter), which join back to the text. */
export function splitText(text: string, count: number): string[] {
  const words = text.match(/\s*\S+\s*/g) ?? [text];
  const pieces = Math.max(1, Math.min(count, words.length));
  return Array.from({ length: pieces }, (_, index) =>
    words
      .slice(
        Math.floor((index * words.length) / pieces),
        Math.floor(((index + 1) * words.length) / pieces),
      )
      .join(""),
  );
}
