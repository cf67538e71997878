import { thoughtSignatureFor } from "./function-calls.ts";
import { type PlannedAnswer, signsCalls } from "./plan-answer.ts";

type Part = Record<string, unknown>;
type Response = Record<string, unknown>;

/** The whole answer as one GenerateContentResponse. */
export function toGenerateResponse(answer: PlannedAnswer): Response {
  if (answer.blocked) return blockedResponse(answer);
  const parts: Part[] = [];
  if (answer.thought) parts.push({ text: answer.thought, thought: true });
  if (answer.text !== undefined) parts.push({ text: answer.text });
  parts.push(...callParts(answer));
  return envelope(answer, candidates(answer, parts, true), answer.usage);
}

/**
 * The answer as a stream: thoughts first, the text in `chunkCount` pieces (or all function calls
 * in one chunk), then a separate last chunk with the finish reason and usage.
 */
export function toStreamChunks(answer: PlannedAnswer, chunkCount: number): Response[] {
  if (answer.blocked) return [blockedResponse(answer)];
  const bodies: Part[][] = [];
  if (answer.thought) bodies.push([{ text: answer.thought, thought: true }]);
  if (answer.text !== undefined) {
    for (const piece of splitText(answer.text, chunkCount)) bodies.push([{ text: piece }]);
  }
  if (answer.calls.length > 0) bodies.push(callParts(answer));
  const chunks = bodies.map((parts) => envelope(answer, candidates(answer, parts, false)));
  chunks.push(envelope(answer, candidates(answer, [{ text: "" }], true), answer.usage));
  return chunks;
}

function callParts(answer: PlannedAnswer): Part[] {
  return answer.calls.map((call) => ({
    functionCall: { name: call.name, args: call.args },
    ...(signsCalls(answer)
      ? { thoughtSignature: thoughtSignatureFor(answer.model.baseModelId, call.name) }
      : {}),
  }));
}

function candidates(answer: PlannedAnswer, parts: Part[], final: boolean) {
  return Array.from({ length: answer.candidateCount }, (_, index) => ({
    content: { parts, role: "model" },
    ...(final ? { finishReason: answer.finishReason } : {}),
    index,
    ...(final && answer.grounded ? { groundingMetadata: groundingFor(answer) } : {}),
  }));
}

function envelope(answer: PlannedAnswer, list: unknown[], usage?: unknown): Response {
  return {
    candidates: list,
    ...(usage ? { usageMetadata: usage } : {}),
    modelVersion: answer.model.baseModelId,
    responseId: answer.responseId,
  };
}

function blockedResponse(answer: PlannedAnswer): Response {
  return {
    promptFeedback: {
      blockReason: "SAFETY",
      safetyRatings: [
        { category: "HARM_CATEGORY_SEXUALLY_EXPLICIT", probability: "NEGLIGIBLE" },
        { category: "HARM_CATEGORY_HATE_SPEECH", probability: "NEGLIGIBLE" },
        { category: "HARM_CATEGORY_HARASSMENT", probability: "NEGLIGIBLE" },
        { category: "HARM_CATEGORY_DANGEROUS_CONTENT", probability: "HIGH", blocked: true },
      ],
    },
    usageMetadata: answer.usage,
    modelVersion: answer.model.baseModelId,
    responseId: answer.responseId,
  };
}

function groundingFor(answer: PlannedAnswer) {
  const text = answer.text ?? "";
  return {
    searchEntryPoint: { renderedContent: `<div class="emulated-search">${answer.query}</div>` },
    groundingChunks: [{ web: { uri: "https://example.com/echo", title: "example.com" } }],
    groundingSupports: [
      {
        segment: { startIndex: 0, endIndex: Buffer.byteLength(text), text },
        groundingChunkIndices: [0],
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
