import { badRequest } from "../../../../common/api-error.ts";
import { MAX_REQUEST_DEPTH } from "../../../gemini/client.ts";
import { requestJson } from "../../../gemini/request-json.ts";
import type { GeminiGenerateContentResponse } from "../../../gemini/types.ts";
import type { GeminiPool } from "../../../pool/gemini-pool.ts";
import type { GeminiImageCall } from "./to-gemini-image.ts";

/**
 * `n` images as `n` generateContent calls through the pool, at once (each picks its key, fails
 * over and is logged as any call). The body is serialized once and sent as it is by every call:
 * images to edit are not walked `n` times.
 */
export function runImageCalls(
  pool: GeminiPool,
  call: GeminiImageCall,
  n: number,
): Promise<GeminiGenerateContentResponse[]> {
  const rawBody = requestJson(call.body, MAX_REQUEST_DEPTH);
  if (rawBody === null) throw badRequest(null, "The request nests values too deeply.");
  return Promise.all(
    Array.from({ length: n }, () =>
      pool.json<GeminiGenerateContentResponse>({
        kind: "model-method",
        model: call.model,
        method: "generateContent",
        body: call.body,
        rawBody,
      }),
    ),
  );
}
