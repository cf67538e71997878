import {
  continuationFailed,
  continuedRequest,
  joinHops,
  LongDecode,
} from "../gemini/long-decode.ts";
import type { ModelId } from "../gemini/model-id.ts";
import type {
  GeminiGenerateContentRequest,
  GeminiGenerateContentResponse,
} from "../gemini/types.ts";
import type { GeminiPool } from "./gemini-pool.ts";

/**
 * `generateContent` for the translating surfaces: one whole answer. The first call may go to any
 * key (failover as usual); when Gemini ends it with CONTINUATION (long decode), the same key is
 * asked again with the token until the answer is finished, and the hops are joined into one
 * answer with their usage summed (src/gemini/long-decode.ts; at most MAX_LONG_DECODE_HOPS calls).
 */
export async function generateContent(
  pool: GeminiPool,
  call: { model: ModelId; body: GeminiGenerateContentRequest },
): Promise<GeminiGenerateContentResponse> {
  const request = {
    kind: "model-method" as const,
    model: call.model,
    method: "generateContent" as const,
    body: call.body,
  };
  const { answer: first, key } = await pool.jsonFrom<GeminiGenerateContentResponse>(request);
  // A continuation token belongs to the project of the key that issued it: no other key, and no
  // other backend, can go on with it.
  const pinned = pool.pinnedTo(key);
  const decode = new LongDecode();
  decode.observe(first);
  let answer = first;
  for (let token = decode.next(); token !== null; token = decode.next()) {
    let next: GeminiGenerateContentResponse;
    try {
      next = await pinned.json<GeminiGenerateContentResponse>({
        ...request,
        body: continuedRequest(call.body, token),
      });
    } catch (error) {
      throw continuationFailed(error, decode.hops);
    }
    decode.observe(next);
    answer = joinHops(answer, next);
  }
  return answer;
}
