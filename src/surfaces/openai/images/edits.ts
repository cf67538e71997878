import type { Context } from "hono";
import { badRequest } from "../../../../common/api-error.ts";
import type { AppEnv } from "../../../http/app-env.ts";
import { poolFor } from "../../../pool/pool-from-env.ts";
import { readForm } from "../read-form.ts";
import { toInlineImages } from "./edit-images.ts";
import { fromGeminiImages } from "./from-gemini-image.ts";
import { reportedQuality, toGeminiImageCall } from "./image-call.ts";
import { parseImageRequest } from "./image-request.ts";
import { imagesResponseBody } from "./images-response-body.ts";
import { runImageCalls } from "./run-image-calls.ts";

/**
 * `POST /v1/images/edits` (multipart): the images and the instruction go to Gemini together, as
 * Gemini edits. `mask` has no Gemini equivalent (Gemini edits where the words say): a 400.
 */
export async function imageEdits(c: Context<AppEnv>) {
  const form = await readForm(c);
  if (form.files.has("mask") || form.fields.mask !== undefined) {
    throw badRequest(
      "mask",
      "mask is not served: Gemini has no masked editing; describe the region to change in the prompt instead.",
      "unsupported_value",
    );
  }
  for (const name of form.files.keys()) {
    if (name !== "image") throw badRequest(name, `Unrecognized request argument supplied: ${name}`);
  }
  const request = parseImageRequest(form.fields, { form: true, extra: ["image"] });
  if (form.fields.image !== undefined) {
    throw badRequest("image", "Invalid value for 'image': send the image as a file.");
  }
  const images = await toInlineImages(form.files.get("image"));
  const call = toGeminiImageCall(request, images, c.env.DEFAULT_IMAGE_MODEL);
  const responses = await runImageCalls(poolFor(c), call, request.n);
  const answer = fromGeminiImages(responses, { quality: reportedQuality(request.quality) });
  return new Response(imagesResponseBody(answer), {
    headers: { "content-type": "application/json" },
  });
}
