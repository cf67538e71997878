import type { Context } from "hono";
import { badRequest } from "../../../common/api-error.ts";
import { pinForBody } from "../../affinity/pin-for-body.ts";
import type { GeminiModelMethod } from "../../gemini/client.ts";
import { parseModelId } from "../../gemini/model-id.ts";
import type { StreamFraming } from "../../gemini/pass-through-stream.ts";
import type { AppEnv } from "../../http/app-env.ts";
import { poolFor } from "../../pool/pool-from-env.ts";
import { createBatch } from "./batches.ts";
import { unknownRoute } from "./not-served.ts";
import { passOn } from "./pass-on.ts";
import { readJsonObject } from "./request-body.ts";

const POOLED_METHODS: ReadonlySet<string> = new Set<GeminiModelMethod>([
  "generateContent",
  "streamGenerateContent",
  "countTokens",
  "embedContent",
  "batchEmbedContents",
]);

/**
 * `POST /v1beta/models/{model}:{method}`: the client's body goes to Gemini unchanged with a pooled
 * key, and Gemini's answer comes back as Gemini sent it. The model id follows the one model-id
 * grammar and the method is one of a fixed few, so no client text shapes the upstream path.
 */
export async function modelMethod(c: Context<AppEnv>) {
  const target = c.req.param("target") ?? "";
  const colon = target.lastIndexOf(":");
  if (colon === -1) throw unknownRoute(c.req.method, c.req.path);
  const model = parseModelId(target.slice(0, colon), "model");
  const method = target.slice(colon + 1);
  if (method === "batchGenerateContent" || method === "asyncBatchEmbedContent") {
    return createBatch(c, model, method);
  }
  if (!POOLED_METHODS.has(method)) throw unknownRoute(c.req.method, c.req.path);
  // A body using a cache or Gemini files goes to the key that owns them, their tags removed.
  const sent = await readJsonObject(c);
  const { pool, body: rawBody } = await pinForBody(poolFor(c), sent.text);
  const generates = method === "generateContent" || method === "streamGenerateContent";
  const call = {
    kind: "model-method" as const,
    model,
    method: method as GeminiModelMethod,
    // A generate body is also given parsed, for the pool to conform to the model: the bytes go
    // upstream as they came unless a setting the model refuses had to be changed.
    body: generates ? (rawBody === sent.text ? sent.value : JSON.parse(rawBody)) : undefined,
    rawBody,
    signal: c.req.raw.signal,
  };
  if (method === "streamGenerateContent") {
    const framing = streamFraming(c.req.query("alt"));
    const query = framing === "sse" ? { alt: "sse" } : undefined;
    return passOn(c, await pool.passThroughStream({ ...call, query }, framing));
  }
  return passOn(c, await pool.bytes(call));
}

/** `alt=sse` streams server-sent events; without it (or `alt=json`) Gemini streams a JSON array. */
function streamFraming(alt: string | undefined): StreamFraming {
  if (alt === "sse") return "sse";
  if (alt === undefined || alt === "json") return "json-array";
  throw badRequest(
    "alt",
    `Unsupported alt=${JSON.stringify(alt).slice(1, -1).slice(0, 40)}: use alt=sse or leave it out.`,
  );
}
