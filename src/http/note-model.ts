import type { Context } from "hono";
import { isolateModelSightings, modelNotice } from "../gemini/model-notice.ts";
import type { GeminiGenerateContentResponse } from "../gemini/types.ts";
import type { AppEnv } from "./app-env.ts";

/**
 * Notes what Gemini said about the model that answered `asked` (a reroute, a lifecycle stage):
 * the request log and the `x-router-model-status` header carry it (set by requestLog), and the
 * isolate remembers it for the status page. Nothing when there is nothing to tell.
 */
export function noteModel(
  c: Context<AppEnv>,
  asked: string,
  response: Pick<GeminiGenerateContentResponse, "modelVersion" | "modelStatus"> | undefined,
): void {
  const notice = modelNotice(asked, response);
  if (!notice) return;
  c.set("modelNotice", notice);
  isolateModelSightings.record(notice);
}
