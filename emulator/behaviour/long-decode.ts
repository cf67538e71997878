import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { invalidArgument } from "../errors.ts";
import type { GenerateContentRequest } from "../validate/request-shapes.ts";

/**
 * Long decode as Google describes it (https://ai.google.dev/gemini-api/docs/generate-content/long-decode):
 * one call ("hop") of a long-decode model returns at most `hopOutputTokens` output tokens when
 * streamed, `nonStreamedHopOutputTokens` when not (65,536 / 32,768 for Gemini 4, from the model
 * table); `maxOutputTokens` is the budget of the whole answer (without it, one hop's worth: "output
 * stops at 64K tokens for streaming calls and 32K tokens for non-streaming calls"). A hop that
 * reaches its cap with budget and answer left ends with finishReason CONTINUATION and a
 * `continuationToken`; the client sends the same request again with the token.
 *
 * The token is the emulator's own (Google's is opaque): which project, model and request it
 * belongs to and how far the answer got, signed with a key of this emulator process. A token from
 * another key's project, model or request, a changed request, or bytes that are not a token are
 * refused with 400 INVALID_ARGUMENT (wording unconfirmed: Google does not document the refusal).
 */
export interface LongDecodeFacts {
  hopOutputTokens: number;
  nonStreamedHopOutputTokens: number;
}

interface Claims {
  /** The key's project (the key itself outside quota mode). */
  project: string;
  model: string;
  /** SHA-256 of the request without its token. */
  request: string;
  /** Output tokens of the answer already sent. */
  offset: number;
}

const SECRET = randomBytes(32);

export const INVALID_TOKEN_MESSAGE =
  "Invalid value at 'continuation_token': the token is malformed, or was issued for another project, model or request.";

/** The request as the token binds it: everything but the token itself. */
function requestDigest(request: GenerateContentRequest): string {
  const { continuationToken: _token, ...rest } = request;
  return createHash("sha256").update(JSON.stringify(rest)).digest("base64url");
}

function sign(payload: string): Buffer {
  return createHmac("sha256", SECRET).update(payload).digest();
}

export function issueToken(claims: Claims): string {
  const payload = Buffer.from(JSON.stringify(claims)).toString("base64url");
  const signature = sign(payload).toString("base64url");
  return Buffer.from(`${payload}.${signature}`).toString("base64");
}

function readToken(token: string): Claims | null {
  const [payload, signature, extra] = Buffer.from(token, "base64").toString().split(".");
  if (!payload || !signature || extra !== undefined) return null;
  const expected = sign(payload);
  const given = Buffer.from(signature, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    return JSON.parse(Buffer.from(payload, "base64url").toString()) as Claims;
  } catch {
    return null;
  }
}

export interface Hop {
  /** Output tokens of the answer sent before this hop. */
  offset: number;
  /** Output tokens this hop sends. */
  tokens: number;
  finishReason: "STOP" | "MAX_TOKENS" | "CONTINUATION";
  /** With CONTINUATION: the token to go on with. */
  continuationToken?: string;
  /** Streams: a checkpoint token sent on an event half-way through the hop (no finish reason). */
  checkpoint?: string;
}

/**
 * The hop this request asks for, of an answer `answerTokens` long: where it starts (from the
 * token, checked), how many tokens it sends and how it ends. Without long decode (`facts`
 * undefined), a token is refused and the answer is cut at the budget as by any model.
 */
export function planHop(
  request: GenerateContentRequest,
  context: { model: string; project: string; streamed: boolean },
  facts: LongDecodeFacts | undefined,
  answerTokens: number,
): Hop {
  const digest = requestDigest(request);
  let offset = 0;
  if (request.continuationToken !== undefined) {
    const claims = facts ? readToken(request.continuationToken) : null;
    if (
      !claims ||
      claims.project !== context.project ||
      claims.model !== context.model ||
      claims.request !== digest ||
      !Number.isInteger(claims.offset) ||
      claims.offset <= 0 ||
      claims.offset >= answerTokens
    ) {
      throw invalidArgument(INVALID_TOKEN_MESSAGE);
    }
    offset = claims.offset;
  }
  const cap = facts
    ? context.streamed
      ? facts.hopOutputTokens
      : facts.nonStreamedHopOutputTokens
    : Number.POSITIVE_INFINITY;
  const budget = request.generationConfig?.maxOutputTokens ?? (facts ? cap : answerTokens);
  const left = answerTokens - offset;
  const tokens = Math.max(0, Math.min(cap, budget - offset, left));
  const end = offset + tokens;
  if (end >= answerTokens) return { offset, tokens, finishReason: "STOP" };
  if (end >= budget || !facts) return { offset, tokens, finishReason: "MAX_TOKENS" };
  const claims = { project: context.project, model: context.model, request: digest };
  const half = offset + Math.floor(tokens / 2);
  return {
    offset,
    tokens,
    finishReason: "CONTINUATION",
    continuationToken: issueToken({ ...claims, offset: end }),
    ...(context.streamed &&
      half > offset && { checkpoint: issueToken({ ...claims, offset: half }) }),
  };
}

/** Token `index` (0-based) of a long answer: `t1 t2 t3 …`, each carrying its leading space. */
export function longAnswerText(from: number, count: number): string {
  let text = "";
  for (let index = from; index < from + count; index++)
    text += `${index === 0 ? "" : " "}t${index + 1}`;
  return text;
}
