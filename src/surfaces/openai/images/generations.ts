import type { Context } from "hono";
import { badRequest } from "../../../../common/api-error.ts";
import type { AppEnv } from "../../../http/app-env.ts";
import { readJsonBody } from "../../../http/read-json-body.ts";
import { poolFor } from "../../../pool/pool-from-env.ts";
import { fromGeminiImages } from "./from-gemini-image.ts";
import { reportedQuality, toGeminiImageCall } from "./image-call.ts";
import { parseImageRequest } from "./image-request.ts";
import { imagesResponseBody } from "./images-response-body.ts";
import { runImageCalls } from "./run-image-calls.ts";

/** `POST /v1/images/generations`: a prompt in, `n` Gemini images out as base64. */
export async function imageGenerations(c: Context<AppEnv>) {
  const body = await readJsonBody(c);
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw badRequest(null, "The request body must be a JSON object.");
  }
  const request = parseImageRequest(body as Record<string, unknown>, { form: false, extra: [] });
  const call = toGeminiImageCall(request, [], c.env.DEFAULT_IMAGE_MODEL);
  const responses = await runImageCalls(poolFor(c), call, request.n);
  const answer = fromGeminiImages(responses, { quality: reportedQuality(request.quality) });
  return new Response(imagesResponseBody(answer), {
    headers: { "content-type": "application/json" },
  });
}
