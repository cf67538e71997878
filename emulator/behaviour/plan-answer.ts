import { randomBytes } from "node:crypto";
import type { GeminiModel } from "../models/catalog.ts";
import { isGemini3 } from "../models/traits.ts";
import type { GenerateContentRequest } from "../validate/request-shapes.ts";
import { answerText, describeContent, lastUserContent } from "./answer-text.ts";
import { type PlannedCall, planFunctionCalls } from "./function-calls.ts";
import { countPromptTokens, countWords } from "./tokens.ts";

export interface PlannedAnswer {
  model: GeminiModel;
  responseId: string;
  blocked: boolean;
  thought?: string;
  text?: string;
  calls: PlannedCall[];
  finishReason: "STOP" | "MAX_TOKENS";
  candidateCount: number;
  grounded: boolean;
  query: string;
  usage: Record<string, unknown>;
}

const CACHED_TOKENS = 1024;

/** Everything the emulator will answer for a validated request, before it is shaped or streamed. */
export function planAnswer(request: GenerateContentRequest, model: GeminiModel): PlannedAnswer {
  const contents = request.contents ?? [];
  const prompt = describeContent(lastUserContent(contents));
  const config = request.generationConfig ?? {};
  const blocked = contents.some((content) =>
    (content.parts ?? []).some((part) => part.text?.includes("BLOCKME")),
  );
  const calls = blocked ? [] : planFunctionCalls(request, prompt);
  let text = blocked || calls.length > 0 ? undefined : answerText(request, prompt);
  let finishReason: PlannedAnswer["finishReason"] = "STOP";
  if (text !== undefined) {
    text = cutAtStopSequence(text, config.stopSequences ?? []);
    const limit = config.maxOutputTokens;
    if (limit && countWords(text) > limit) {
      text = (text.match(/\S+\s*/g) ?? []).slice(0, limit).join("").trimEnd();
      finishReason = "MAX_TOKENS";
    }
  }
  const thinking = config.thinkingConfig ?? {};
  const thinks = Boolean(model.thinking) && thinking.thinkingBudget !== 0;
  const thought = thinks ? `Thinking about: ${prompt}` : undefined;
  const candidateCount = Math.max(1, config.candidateCount ?? 1);

  const promptTokens = countPromptTokens([
    ...contents,
    ...(request.systemInstruction ? [request.systemInstruction] : []),
  ]);
  const cached = request.cachedContent ? CACHED_TOKENS : 0;
  const promptTokenCount = promptTokens.text + promptTokens.media + cached;
  const answerTokens = blocked
    ? 0
    : candidateCount *
      (text !== undefined ? Math.max(1, countWords(text)) : countWords(JSON.stringify(calls)));
  const budget = thinking.thinkingBudget ?? 0;
  const thoughtTokens = thought ? Math.min(countWords(thought), budget > 0 ? budget : Infinity) : 0;
  const usage: Record<string, unknown> = {
    promptTokenCount,
    ...(blocked ? {} : { candidatesTokenCount: answerTokens }),
    totalTokenCount: promptTokenCount + answerTokens + thoughtTokens,
    ...(cached ? { cachedContentTokenCount: cached } : {}),
    promptTokensDetails: [
      { modality: "TEXT", tokenCount: promptTokens.text + cached },
      ...(promptTokens.media ? [{ modality: "IMAGE", tokenCount: promptTokens.media }] : []),
    ],
    ...(thoughtTokens ? { thoughtsTokenCount: thoughtTokens } : {}),
  };
  return {
    model,
    responseId: randomBytes(12).toString("base64url"),
    blocked,
    thought: thought && thinking.includeThoughts && !blocked ? thought : undefined,
    text,
    calls,
    finishReason,
    candidateCount,
    grounded: (request.tools ?? []).some((tool) => tool.googleSearch || tool.googleSearchRetrieval),
    query: prompt,
    usage,
  };
}

function cutAtStopSequence(text: string, stops: readonly string[]): string {
  const cuts = stops.map((stop) => (stop ? text.indexOf(stop) : -1)).filter((index) => index >= 0);
  return cuts.length > 0 ? text.slice(0, Math.min(...cuts)) : text;
}

export const signsCalls = (answer: PlannedAnswer) => isGemini3(answer.model);
