import type { Context } from "hono";
import { ApiError } from "../../../common/api-error.ts";
import type { AppEnv } from "../../http/app-env.ts";
import { readJsonBody } from "../../http/read-json-body.ts";
import { HealthMemory } from "../../pool/health-memory.ts";
import { poolFor } from "../../pool/pool-from-env.ts";
import { imageResolver, selectModel } from "./messages.ts";
import { toGeminiPrompt } from "./translate/request.ts";
import { parseCountTokensRequest } from "./validate/messages-request.ts";

/**
 * countTokens has a quota of its own: what its failures teach is kept apart from the memory that
 * generation reads, so a failed (or rate-limited) count never parks a key for generating.
 */
const countMemory = new HealthMemory();

/**
 * `POST /v1/messages/count_tokens`: the real count from Gemini's countTokens for the same
 * conversation, system prompt and tools a Messages request would send. When Gemini cannot count,
 * the client gets an error status, never a made-up 0 (Claude Code sizes its context by it).
 */
export async function countTokens(c: Context<AppEnv>) {
  const request = parseCountTokensRequest(await readJsonBody(c));
  const selection = selectModel(c, request.model);
  const prompt = await toGeminiPrompt(request, selection, imageResolver(c));
  const response = await poolFor(c, { memory: countMemory }).json<{ totalTokens?: unknown }>({
    kind: "model-method",
    model: selection.model,
    method: "countTokens",
    body: { generateContentRequest: { model: `models/${selection.model}`, ...prompt } },
  });
  if (typeof response.totalTokens !== "number") {
    throw new ApiError(502, "Gemini's countTokens answered without a totalTokens count.", {
      type: "api_error",
      code: "upstream_count_missing",
    });
  }
  return c.json({ input_tokens: response.totalTokens });
}
