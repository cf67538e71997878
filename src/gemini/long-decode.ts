import { ApiError } from "../../common/api-error.ts";
import type {
  GeminiCandidate,
  GeminiGenerateContentRequest,
  GeminiGenerateContentResponse,
  GeminiModalityTokenCount,
  GeminiUsageMetadata,
} from "./types.ts";

/**
 * Long decode (https://ai.google.dev/gemini-api/docs/generate-content/long-decode): a Gemini 4
 * answer longer than one call's cap (32,768 output tokens non-streamed, 65,536 streamed) ends a
 * call ("hop") with finishReason CONTINUATION and a `continuationToken`; the caller sends the same
 * request again with the token (top-level `continuationToken`, as @google/genai's
 * generateContentConfigToMldev puts it) and the model goes on where it stopped, until another
 * finish reason. `maxOutputTokens` is the budget of the whole answer, across hops (Google tracks
 * it). A streamed hop may carry checkpoint tokens on events without a finish reason; the hop's
 * last token is the one to continue from (@google/genai's StreamContinuation). Each hop's usage is
 * that hop's (a stream's events carry the hop's running total); the answer's usage is their sum,
 * as the SDK reports it and Google bills it (each hop re-reads the prompt and the answer so far,
 * so promptTokenCount grows per hop — reported by third parties, e.g. hermes-agent).
 *
 * The gateway continues on the same key (a token belongs to its key's project), whatever the
 * model: any answer that says CONTINUATION with a token is continued, so the next model with long
 * decode needs no code change.
 */

/**
 * The most calls one answer may take, continuations included: the longest budget Google allows
 * (1,048,576 output tokens) in non-streamed hops of 32,768 is 32. With the first call's failover
 * over at most 8 keys, a request makes at most 8 + 31 = 39 upstream calls, under the Workers free
 * plan's 50 subrequests per invocation. An answer that would need more ends as incomplete
 * (finishReason CONTINUATION left in place, which every surface reads as `length`).
 */
export const MAX_LONG_DECODE_HOPS = 32;

/** The request of the next hop: the same request with the previous hop's token. */
export function continuedRequest(
  body: GeminiGenerateContentRequest,
  continuationToken: string,
): GeminiGenerateContentRequest {
  return { ...body, continuationToken };
}

/**
 * Follows one answer's hops: sums usage across them and hides a CONTINUATION that the gateway
 * will continue, so that surfaces see one answer. Only single-candidate answers are continued (the
 * SDK reads the first candidate only; `n` > 1 has no continuation contract).
 */
export class LongDecode {
  #hops = 1;
  /** Usage of the hops that have ended, summed. */
  #carried: GeminiUsageMetadata | undefined;
  /** The latest usage of the current hop (its running total when streamed). */
  #hopUsage: GeminiUsageMetadata | undefined;
  #token: string | undefined;
  #startToken: string | undefined;
  #finishReason: string | undefined;

  get hops(): number {
    return this.#hops;
  }

  /**
   * One response (a whole answer, or one stream event) of the current hop, adjusted in place: its
   * usage becomes the answer's usage so far, and a CONTINUATION that will be continued is removed,
   * so the surface does not finish the answer there.
   */
  observe(response: GeminiGenerateContentResponse): void {
    if (response.usageMetadata) {
      this.#hopUsage = response.usageMetadata;
      if (this.#carried) response.usageMetadata = addUsage(this.#carried, response.usageMetadata);
    }
    const candidates = response.candidates;
    const candidate = candidates?.length === 1 ? candidates[0] : undefined;
    if (!candidate) return;
    if (candidate.continuationToken) this.#token = candidate.continuationToken;
    if (candidate.finishReason) this.#finishReason = candidate.finishReason;
    if (candidate.finishReason === "CONTINUATION" && this.#willContinue()) {
      delete candidate.finishReason;
      delete candidate.finishMessage;
    }
    delete candidate.continuationToken;
  }

  /**
   * The current hop has ended: the token to continue with (and the next hop begins), or null when
   * the answer is finished — another finish reason, no new token, or the hop bound reached.
   */
  next(): string | null {
    if (!this.#willContinue()) return null;
    const token = this.#token as string;
    this.#carried = this.#carried ? addUsage(this.#carried, this.#hopUsage ?? {}) : this.#hopUsage;
    this.#hopUsage = undefined;
    this.#startToken = token;
    this.#finishReason = undefined;
    this.#hops++;
    return token;
  }

  #willContinue(): boolean {
    return (
      this.#finishReason === "CONTINUATION" &&
      this.#token !== undefined &&
      this.#token !== this.#startToken &&
      this.#hops < MAX_LONG_DECODE_HOPS
    );
  }
}

/**
 * Two hops of a whole (non-streamed) answer as one: the candidate's parts in order (every surface
 * joins consecutive text parts), the later hop's finish, and usage as `observe` summed it.
 * Grounding is the first hop's that has any; the rest is the first hop's (model, response id).
 */
export function joinHops(
  answer: GeminiGenerateContentResponse,
  next: GeminiGenerateContentResponse,
): GeminiGenerateContentResponse {
  const first = answer.candidates?.[0];
  const later = next.candidates?.[0];
  const joined: GeminiGenerateContentResponse = { ...answer };
  if (next.usageMetadata) joined.usageMetadata = next.usageMetadata;
  if (next.modelStatus) joined.modelStatus = next.modelStatus;
  if (!first || !later) return joined;
  const candidate: GeminiCandidate = {
    ...first,
    content: {
      ...first.content,
      parts: [...(first.content?.parts ?? []), ...(later.content?.parts ?? [])],
    },
  };
  delete candidate.finishReason;
  delete candidate.finishMessage;
  if (later.finishReason) candidate.finishReason = later.finishReason;
  if (later.finishMessage) candidate.finishMessage = later.finishMessage;
  if (later.safetyRatings) candidate.safetyRatings = later.safetyRatings;
  candidate.groundingMetadata ??= later.groundingMetadata;
  if (!candidate.groundingMetadata) delete candidate.groundingMetadata;
  joined.candidates = [candidate];
  return joined;
}

const COUNTS = [
  "promptTokenCount",
  "candidatesTokenCount",
  "totalTokenCount",
  "thoughtsTokenCount",
  "cachedContentTokenCount",
  "toolUsePromptTokenCount",
] as const;

const DETAILS = [
  "promptTokensDetails",
  "candidatesTokensDetails",
  "cacheTokensDetails",
  "toolUsePromptTokensDetails",
] as const;

/** Two hops' usage summed: every count, and the per-modality details by modality. */
export function addUsage(
  earlier: GeminiUsageMetadata,
  later: GeminiUsageMetadata,
): GeminiUsageMetadata {
  const sum: GeminiUsageMetadata = { ...earlier, ...later };
  for (const field of COUNTS) {
    if (earlier[field] === undefined && later[field] === undefined) continue;
    sum[field] = (earlier[field] ?? 0) + (later[field] ?? 0);
  }
  for (const field of DETAILS) {
    if (!earlier[field] && !later[field]) continue;
    sum[field] = addDetails(earlier[field] ?? [], later[field] ?? []);
  }
  return sum;
}

function addDetails(
  earlier: readonly GeminiModalityTokenCount[],
  later: readonly GeminiModalityTokenCount[],
): GeminiModalityTokenCount[] {
  const byModality = new Map<string | undefined, number>();
  for (const entry of [...earlier, ...later]) {
    byModality.set(entry.modality, (byModality.get(entry.modality) ?? 0) + (entry.tokenCount ?? 0));
  }
  return [...byModality].map(([modality, tokenCount]) => ({
    ...(modality !== undefined && { modality }),
    tokenCount,
  }));
}

/**
 * What the client sees when a continuation hop fails: the failure as the pool judged it (a 429
 * keeps its Retry-After, an overloaded model its 503), saying which hop failed. A continuation
 * Gemini refuses as a bad request (its own token, e.g. expired) is Gemini's fault, not the
 * client's: a 502. Another key cannot help (the token belongs to this key's project).
 */
export function continuationFailed(error: unknown, hop: number): unknown {
  if (!(error instanceof ApiError) || error.status === 499) return error;
  const refused = error.status >= 400 && error.status < 500 && error.status !== 429;
  return new ApiError(
    refused ? 502 : error.status,
    `Gemini stopped a long answer at its continuation ${hop - 1} (long decode): ${error.message}`,
    {
      type: refused ? "api_error" : error.type,
      code: refused ? "upstream_continuation_refused" : error.code,
      headers: error.headers,
    },
  );
}
