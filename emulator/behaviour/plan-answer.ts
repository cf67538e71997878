import { randomBytes } from "node:crypto";
import { invalidArgument } from "../errors.ts";
import { type GeminiModel, LONG_DECODE } from "../models/catalog.ts";
import { type ModelStatus, modelStatusOf } from "../models/model-stage.ts";
import { isGemini3, traitsOf } from "../models/traits.ts";
import type { GenerateContentRequest } from "../validate/request-shapes.ts";
import { answerText, describeContent, lastUserContent } from "./answer-text.ts";
import { readDirectives } from "./directives.ts";
import { BLOCK_REASONS, FINISH_REASONS, type FinishShape } from "./finish-reasons.ts";
import { type PlannedCall, planFunctionCalls } from "./function-calls.ts";
import { type ExecutedCode, executeCode } from "./generated-parts.ts";
import { type Hop, INVALID_TOKEN_MESSAGE, longAnswerText, planHop } from "./long-decode.ts";
import { countPromptTokens, countWords } from "./tokens.ts";

export interface PlannedAnswer {
  model: GeminiModel;
  /** The model that answers (the target of a `-latest` alias). */
  modelVersion: string;
  /** The asked id's lifecycle, from its table row (models/model-stage.ts). */
  modelStatus?: ModelStatus;
  responseId: string;
  /** promptFeedback.blockReason when the prompt is blocked (no candidates). */
  blockReason?: string;
  thought?: string;
  code?: ExecutedCode;
  text?: string;
  image: boolean;
  calls: PlannedCall[];
  finishReason: string;
  finish: FinishShape;
  finishMessage?: string;
  candidateCount: number;
  grounded: boolean;
  /** Gemini 3 with includeServerSideToolInvocations: the search shows as toolCall/toolResponse. */
  showsServerTools: boolean;
  query: string;
  /** Top candidates per token when `responseLogprobs` is on; undefined = no logprobs. */
  logprobsTop?: number;
  usage: Record<string, unknown>;
  /** Long decode: the hop ends with CONTINUATION and this token. */
  continuationToken?: string;
  /** Long decode, streamed: a checkpoint token on an event half-way through the hop. */
  checkpoint?: string;
}

/** Everything the emulator will answer for a validated request, before it is shaped or streamed. */
export function planAnswer(
  request: GenerateContentRequest,
  model: GeminiModel,
  /** The tokens the request's cache holds (routes/cached-contents.ts). */
  cachedTokens = 0,
  /** Who asks and how (long decode binds its token to the key's project). */
  caller: { project: string; streamed: boolean } = { project: "", streamed: false },
): PlannedAnswer {
  const traits = traitsOf(model);
  const contents = request.contents ?? [];
  const last = lastUserContent(contents);
  const prompt = describeContent(last);
  const config = request.generationConfig ?? {};
  const directives = readDirectives(last, contents);
  if (directives.blockReason && !BLOCK_REASONS.includes(directives.blockReason)) {
    throw invalidArgument(`emulate:block=${directives.blockReason} is not a block reason`);
  }
  if (directives.finishReason && !FINISH_REASONS[directives.finishReason]) {
    throw invalidArgument(`emulate:finish=${directives.finishReason} is not a finish reason`);
  }
  const blocked = directives.blockReason !== undefined;
  let finishReason = directives.finishReason ?? "STOP";
  const finish = FINISH_REASONS[finishReason] ?? { content: "full" };
  const answers = !blocked && (finish.content === "full" || finish.content === "half");

  const calls = answers ? planFunctionCalls(request, prompt) : [];
  const tools = request.tools ?? [];
  const code =
    answers && calls.length === 0 && tools.some((tool) => tool.codeExecution)
      ? executeCode(prompt, directives.codeFails)
      : undefined;
  let text = answers && calls.length === 0 ? answerText(request, prompt) : undefined;
  const long = directives.longAnswerTokens;
  const facts = LONG_DECODE[model.baseModelId];
  if (request.continuationToken !== undefined && (!facts || long === undefined)) {
    throw invalidArgument(INVALID_TOKEN_MESSAGE);
  }
  let hop: Hop | undefined;
  if (text !== undefined && long !== undefined) {
    hop = planHop(request, { model: model.baseModelId, ...caller }, facts, long);
    text = longAnswerText(hop.offset, hop.tokens);
    finishReason = hop.finishReason;
  } else if (text !== undefined) {
    text = cutAtStopSequence(text, config.stopSequences ?? []);
    const words = text.match(/\S+\s*/g) ?? [];
    const limit = config.maxOutputTokens;
    if (finish.content === "half") {
      text = words
        .slice(0, Math.max(1, Math.ceil(words.length / 2)))
        .join("")
        .trimEnd();
    } else if (limit && words.length > limit) {
      text = words.slice(0, limit).join("").trimEnd();
      finishReason = "MAX_TOKENS";
    }
  }
  const modalities = config.responseModalities;
  const image =
    answers &&
    calls.length === 0 &&
    Boolean(traits.imageOutput) &&
    (!modalities || modalities.includes("IMAGE"));

  const thinking = config.thinkingConfig ?? {};
  const thinks = Boolean(model.thinking) && thinking.thinkingBudget !== 0;
  const thought = thinks ? `Thinking about: ${prompt}` : undefined;
  const candidateCount = Math.max(1, config.candidateCount ?? 1);
  const declared = tools.flatMap((tool) => tool.functionDeclarations ?? []);
  const functionName = declared[0]?.name ?? "lookup";

  const promptTokens = countPromptTokens([
    ...contents,
    ...(request.systemInstruction ? [request.systemInstruction] : []),
  ]);
  const cached = request.cachedContent ? cachedTokens : 0;
  // A continuation hop re-reads the prompt and the answer so far (reported by third parties).
  const promptTokenCount = promptTokens.text + promptTokens.media + cached + (hop?.offset ?? 0);
  const perCandidate =
    (text !== undefined ? Math.max(1, countWords(text)) : 0) +
    (calls.length > 0 ? countWords(JSON.stringify(calls)) : 0) +
    (code ? countWords(code.code) + countWords(code.output) : 0) +
    (image ? 1290 : 0);
  const answerTokens = candidateCount * perCandidate;
  const budget = thinking.thinkingBudget ?? 0;
  const thoughtTokens =
    thought && !blocked && !hop?.offset
      ? Math.min(countWords(thought), budget > 0 ? budget : Infinity)
      : 0;
  const usage: Record<string, unknown> = {
    promptTokenCount,
    ...(answerTokens > 0 ? { candidatesTokenCount: answerTokens } : {}),
    totalTokenCount: promptTokenCount + answerTokens + thoughtTokens,
    ...(cached ? { cachedContentTokenCount: cached } : {}),
    promptTokensDetails: [
      { modality: "TEXT", tokenCount: promptTokens.text + cached },
      ...(promptTokens.media ? [{ modality: "IMAGE", tokenCount: promptTokens.media }] : []),
    ],
    ...(image ? { candidatesTokensDetails: [{ modality: "IMAGE", tokenCount: 1290 }] } : {}),
    ...(thoughtTokens ? { thoughtsTokenCount: thoughtTokens } : {}),
    // UsageMetadata.serviceTier (@google/genai): the tier that served the request.
    serviceTier: serviceTierOf(request),
  };
  return {
    model,
    modelVersion: traits.answersAs,
    ...optional("modelStatus", modelStatusOf(traits.row, traits.answersAs)),
    responseId: randomBytes(12).toString("base64url"),
    ...(blocked ? { blockReason: directives.blockReason } : {}),
    thought: thought && thinking.includeThoughts && answers && !hop?.offset ? thought : undefined,
    code,
    text,
    image,
    calls,
    finishReason,
    finish,
    finishMessage: finish.finishMessage?.(functionName),
    candidateCount,
    grounded: tools.some((tool) => tool.googleSearch || tool.googleSearchRetrieval),
    showsServerTools:
      answers &&
      traits.thirdGeneration &&
      request.toolConfig?.includeServerSideToolInvocations === true &&
      tools.some((tool) => tool.googleSearch),
    query: prompt,
    logprobsTop: config.responseLogprobs ? (config.logprobs ?? 0) : undefined,
    usage,
    ...(hop?.continuationToken && { continuationToken: hop.continuationToken }),
    ...(hop?.checkpoint && { checkpoint: hop.checkpoint }),
  };
}

/** The tier that serves a request: the one asked for, standard by default or when unspecified. */
function serviceTierOf(request: GenerateContentRequest): string {
  const asked = request.serviceTier?.toLowerCase();
  return asked === "flex" || asked === "priority" ? asked : "standard";
}

function cutAtStopSequence(text: string, stops: readonly string[]): string {
  const cuts = stops.map((stop) => (stop ? text.indexOf(stop) : -1)).filter((index) => index >= 0);
  return cuts.length > 0 ? text.slice(0, Math.min(...cuts)) : text;
}

export const signsCalls = (answer: PlannedAnswer) => isGemini3(answer.model);

const optional = <K extends string, V>(key: K, value: V | undefined) =>
  (value === undefined ? {} : { [key]: value }) as Partial<Record<K, V>>;
