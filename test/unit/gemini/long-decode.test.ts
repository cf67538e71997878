import { describe, expect, it } from "vitest";
import { ApiError } from "../../../common/api-error.ts";
import {
  addUsage,
  continuationFailed,
  continuedRequest,
  joinHops,
  LongDecode,
  MAX_LONG_DECODE_HOPS,
} from "../../../src/gemini/long-decode.ts";
import type { GeminiGenerateContentResponse } from "../../../src/gemini/types.ts";

const hop = (
  text: string,
  finishReason: string | undefined,
  token?: string,
  usage = { promptTokenCount: 10, candidatesTokenCount: 5, totalTokenCount: 15 },
): GeminiGenerateContentResponse => ({
  candidates: [
    {
      content: { role: "model", parts: [{ text }] },
      ...(finishReason && { finishReason }),
      ...(token && { continuationToken: token }),
      index: 0,
    },
  ],
  usageMetadata: { ...usage },
  modelVersion: "gemini-4-argon",
});

/** Runs whole (non-streamed) hops through LongDecode as the pool does: the joined answer. */
function whole(hops: GeminiGenerateContentResponse[]) {
  const decode = new LongDecode();
  const [first, ...rest] = hops;
  decode.observe(first as GeminiGenerateContentResponse);
  let answer = first as GeminiGenerateContentResponse;
  let calls = 1;
  for (let token = decode.next(); token !== null; token = decode.next()) {
    const next = rest.shift();
    if (!next) throw new Error(`asked for a hop after ${calls} with ${token}`);
    calls++;
    decode.observe(next);
    answer = joinHops(answer, next);
  }
  return { answer, calls };
}

describe("long decode", () => {
  it("joins hops into one answer: text in order, the last finish, usage summed, no token left", () => {
    const { answer, calls } = whole([
      hop("one ", "CONTINUATION", "dG9rZW4x"),
      hop("two ", "CONTINUATION", "dG9rZW4y", {
        promptTokenCount: 15,
        candidatesTokenCount: 5,
        totalTokenCount: 20,
      }),
      hop("three", "STOP", undefined, {
        promptTokenCount: 20,
        candidatesTokenCount: 3,
        totalTokenCount: 23,
      }),
    ]);
    expect(calls).toBe(3);
    expect(answer.candidates).toEqual([
      {
        content: { role: "model", parts: [{ text: "one " }, { text: "two " }, { text: "three" }] },
        finishReason: "STOP",
        index: 0,
      },
    ]);
    expect(answer.usageMetadata).toEqual({
      promptTokenCount: 45,
      candidatesTokenCount: 13,
      totalTokenCount: 58,
    });
  });

  it("stops at a hop that ends otherwise (MAX_TOKENS: the client's budget) and keeps it", () => {
    const { answer, calls } = whole([
      hop("one ", "CONTINUATION", "dG9rZW4x"),
      hop("two", "MAX_TOKENS", "dG9rZW4y"),
    ]);
    expect(calls).toBe(2);
    expect(answer.candidates?.[0]?.finishReason).toBe("MAX_TOKENS");
  });

  it("does not continue a CONTINUATION without a token, or with the token it started from", () => {
    expect(whole([hop("one", "CONTINUATION")]).answer.candidates?.[0]?.finishReason).toBe(
      "CONTINUATION",
    );
    const repeated = whole([
      hop("one ", "CONTINUATION", "dG9rZW4x"),
      hop("two", "CONTINUATION", "dG9rZW4x"),
    ]);
    expect(repeated.calls).toBe(2);
    expect(repeated.answer.candidates?.[0]?.finishReason).toBe("CONTINUATION");
  });

  it(`makes at most ${MAX_LONG_DECODE_HOPS} calls and then leaves CONTINUATION (read as length)`, () => {
    const hops = Array.from({ length: 40 }, (_, index) =>
      hop(`${index} `, "CONTINUATION", `token-${index}`),
    );
    const { answer, calls } = whole(hops);
    expect(calls).toBe(MAX_LONG_DECODE_HOPS);
    expect(answer.candidates?.[0]?.finishReason).toBe("CONTINUATION");
    expect(answer.candidates?.[0]?.content?.parts).toHaveLength(MAX_LONG_DECODE_HOPS);
  });

  it("does not continue an answer of several candidates", () => {
    const answer = hop("one", "CONTINUATION", "dG9rZW4x");
    answer.candidates?.push({ ...answer.candidates[0], index: 1 });
    const decode = new LongDecode();
    decode.observe(answer);
    expect(decode.next()).toBeNull();
  });

  it("sums a stream's running usage: each event shows the hops before plus this hop so far", () => {
    const decode = new LongDecode();
    const events = [
      hop("a", undefined, "Y2hlY2twb2ludA==", {
        promptTokenCount: 10,
        candidatesTokenCount: 1,
        totalTokenCount: 11,
      }),
      hop("b", "CONTINUATION", "dG9rZW4x", {
        promptTokenCount: 10,
        candidatesTokenCount: 2,
        totalTokenCount: 12,
      }),
    ];
    for (const event of events) decode.observe(event);
    expect(events[0]?.candidates?.[0]).not.toHaveProperty("continuationToken");
    expect(events[1]?.candidates?.[0]).not.toHaveProperty("finishReason");
    expect(decode.next()).toBe("dG9rZW4x");
    const next = hop("c", "STOP", undefined, {
      promptTokenCount: 12,
      candidatesTokenCount: 1,
      totalTokenCount: 13,
    });
    decode.observe(next);
    expect(next.usageMetadata).toEqual({
      promptTokenCount: 22,
      candidatesTokenCount: 3,
      totalTokenCount: 25,
    });
    expect(decode.next()).toBeNull();
  });

  it("adds usage by count and by modality, keeping the later tier", () => {
    expect(
      addUsage(
        {
          promptTokenCount: 1,
          thoughtsTokenCount: 4,
          promptTokensDetails: [{ modality: "TEXT", tokenCount: 1 }],
          serviceTier: "standard",
        },
        {
          promptTokenCount: 2,
          candidatesTokenCount: 3,
          promptTokensDetails: [
            { modality: "TEXT", tokenCount: 1 },
            { modality: "IMAGE", tokenCount: 1 },
          ],
          serviceTier: "priority",
        },
      ),
    ).toEqual({
      promptTokenCount: 3,
      candidatesTokenCount: 3,
      thoughtsTokenCount: 4,
      promptTokensDetails: [
        { modality: "TEXT", tokenCount: 2 },
        { modality: "IMAGE", tokenCount: 1 },
      ],
      serviceTier: "priority",
    });
  });

  it("sends the same request with the token at the top level", () => {
    const body = { contents: [{ role: "user" as const, parts: [{ text: "hi" }] }] };
    expect(continuedRequest(body, "dG9r")).toEqual({ ...body, continuationToken: "dG9r" });
    expect(body).not.toHaveProperty("continuationToken");
  });

  it("answers a refused continuation as Gemini's 502, and keeps a 429's status and Retry-After", () => {
    const refused = continuationFailed(new ApiError(400, "Invalid continuation token."), 3);
    expect(refused).toMatchObject({ status: 502, code: "upstream_continuation_refused" });
    expect((refused as ApiError).message).toContain("Invalid continuation token.");
    const limited = continuationFailed(
      new ApiError(429, "quota", { code: "rate_limited", headers: { "retry-after": "7" } }),
      2,
    );
    expect(limited).toMatchObject({ status: 429, code: "rate_limited" });
    expect((limited as ApiError).headers["retry-after"]).toBe("7");
  });
});
