import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { badRequest } from "../../../common/api-error.ts";
import { SSE_HEADERS } from "../../../common/sse.ts";
import { resourcesInInteraction, tagInteraction } from "../../affinity/interaction-refs.ts";
import { keyPrints } from "../../affinity/key-prints.ts";
import { ownerOf, ownerOfAll, resourceRef } from "../../affinity/resource-owner.ts";
import type { ApiKey } from "../../gemini/api-key.ts";
import type { GeminiBytes, GeminiCall } from "../../gemini/client.ts";
import { isModelId, type ModelId } from "../../gemini/model-id.ts";
import { resourcePath } from "../../gemini/resource-path.ts";
import type { AppEnv } from "../../http/app-env.ts";
import type { GeminiPool } from "../../pool/gemini-pool.ts";
import { poolFor } from "../../pool/pool-from-env.ts";
import { tagInteractionsStream } from "./interactions-stream.ts";
import { readJsonObjectText } from "./request-body.ts";

/**
 * Gemini's Interactions API through the pool (ai.google.dev/api/interactions-api; paths as
 * @google/genai 3.x calls them, under `/v1beta` and `/v1`):
 * - `POST /interactions` — whole, `stream: true` (SSE) or `background: true`: made with a healthy
 *   key, or with the key that owns what it names (`previous_interaction_id`, a continuation
 *   token, Gemini files in `input`, a cache); the interaction's id comes back tagged with it.
 * - `GET /interactions/{id}` (also `stream=true` with `last_event_id`: a resumed stream),
 *   `POST /interactions/{id}/cancel`, `DELETE /interactions/{id}`: with the key the tag names.
 * Errors are in the Interactions API's own shape (common/interactions-error.ts).
 */

/**
 * The schema revision a client pins with `Api-Revision: 2026-05-20` (a date; REST calls without it
 * get the current schema — ai.google.dev/gemini-api/docs/interactions-breaking-changes-may-2026):
 * passed upstream as sent, the only client header that is.
 */
function revisionHeaders(c: Context<AppEnv>, accept?: string): Record<string, string> {
  const revision = c.req.header("api-revision");
  if (revision !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(revision)) {
    throw badRequest("Api-Revision", "The Api-Revision header must be a date, e.g. 2026-05-20.");
  }
  return {
    ...(revision !== undefined && { "api-revision": revision }),
    ...(accept !== undefined && { accept }),
  };
}

/** Event ids are Google's opaque tokens: base64-like text, bounded. */
const EVENT_ID = /^[A-Za-z0-9_\-+/=.:]{1,512}$/;

export async function createInteraction(c: Context<AppEnv>) {
  const text = await readJsonObjectText(c);
  const parsed = JSON.parse(text) as Record<string, unknown>;
  if (parsed.stream !== undefined && typeof parsed.stream !== "boolean") {
    throw badRequest("stream", "'stream' must be a boolean.");
  }
  const all = poolFor(c);
  const named = resourcesInInteraction(parsed);
  let pool = all;
  let body = text;
  if (named.length > 0) {
    const owner = await ownerOfAll(
      all,
      named.map((resource) => resource.ref),
    );
    for (const resource of named) resource.untag();
    if (owner) pool = all.pinnedTo(owner);
    body = JSON.stringify(parsed);
  }
  const call: GeminiCall = {
    kind: "resource",
    method: "POST",
    path: resourcePath("interactions"),
    model: modelOf(parsed.model),
    rawBody: body,
    contentType: "application/json",
    headers: revisionHeaders(c, parsed.stream === true ? "text/event-stream" : undefined),
  };
  return parsed.stream === true
    ? streamed(c, all, pool, call, { counts: true })
    : whole(c, all, pool, call, { counts: true });
}

/** The interaction named by the path, with the key that owns it. */
async function owned(c: Context<AppEnv>) {
  const ref = resourceRef("interactions", c.req.param("id") ?? "");
  const all = poolFor(c);
  const owner = await ownerOf(all, ref);
  return { ref, all, pool: all.pinnedTo(owner) };
}

/** `GET /interactions/{id}[?include_input&stream&last_event_id]`. */
export async function getInteraction(c: Context<AppEnv>) {
  const { ref, all, pool } = await owned(c);
  const query: Record<string, string> = {};
  const stream = booleanQuery(c, "stream");
  const includeInput = booleanQuery(c, "include_input");
  if (stream !== undefined) query.stream = stream;
  if (includeInput !== undefined) query.include_input = includeInput;
  const lastEventId = c.req.query("last_event_id");
  if (lastEventId !== undefined) {
    if (!EVENT_ID.test(lastEventId)) {
      throw badRequest("last_event_id", "'last_event_id' is not an event id of this interaction.");
    }
    query.last_event_id = lastEventId;
  }
  const call: GeminiCall = {
    kind: "resource",
    method: "GET",
    path: resourcePath("interactions", ref.id),
    query,
    headers: revisionHeaders(c, stream === "true" ? "text/event-stream" : undefined),
  };
  return stream === "true" ? streamed(c, all, pool, call) : whole(c, all, pool, call);
}

/** `POST /interactions/{id}/cancel`: a running background interaction. */
export async function cancelInteraction(c: Context<AppEnv>) {
  const { ref, all, pool } = await owned(c);
  return whole(c, all, pool, {
    kind: "resource",
    method: "POST",
    path: `${resourcePath("interactions", ref.id)}/cancel` as ReturnType<typeof resourcePath>,
    headers: revisionHeaders(c),
  });
}

/** `DELETE /interactions/{id}`. */
export async function deleteInteraction(c: Context<AppEnv>) {
  const { ref, all, pool } = await owned(c);
  return whole(c, all, pool, {
    kind: "resource",
    method: "DELETE",
    path: resourcePath("interactions", ref.id),
    headers: revisionHeaders(c),
  });
}

/** `true`/`false` query values only (what @google/genai sends). */
function booleanQuery(c: Context<AppEnv>, name: string): string | undefined {
  const value = c.req.query(name);
  if (value === undefined) return undefined;
  if (value !== "true" && value !== "false") {
    throw badRequest(name, `'${name}' must be true or false.`);
  }
  return value;
}

/** The model an interaction names, for the pool's per-(key, model) memory; agents have none. */
function modelOf(model: unknown): ModelId | null {
  if (typeof model !== "string") return null;
  const bare = model.startsWith("models/") ? model.slice("models/".length) : model;
  return isModelId(bare) ? (bare as ModelId) : null;
}

async function printOf(all: GeminiPool, key: ApiKey): Promise<string> {
  return (await keyPrints(all.keys)).printOf(key);
}

/**
 * What an interaction cost, for the request's usage data point, in the shape the usage tracker
 * reads (genai.d.ts Usage: total_input_tokens, total_output_tokens, total_thought_tokens).
 * Counted for a created interaction only — a GET of it cost nothing new.
 */
function usageOf(interaction: Record<string, unknown>) {
  const usage = interaction.usage as Record<string, unknown> | undefined;
  const count = (field: string) =>
    typeof usage?.[field] === "number" ? (usage[field] as number) : 0;
  return {
    ...(typeof interaction.model === "string" && { modelVersion: interaction.model }),
    ...(usage && {
      usageMetadata: {
        promptTokenCount: count("total_input_tokens"),
        candidatesTokenCount: count("total_output_tokens"),
        thoughtsTokenCount: count("total_thought_tokens"),
      },
    }),
  };
}

interface Counting {
  /** The answer's tokens count towards the request's usage (a create). */
  counts?: boolean;
}

async function whole(
  c: Context<AppEnv>,
  all: GeminiPool,
  pool: GeminiPool,
  call: GeminiCall,
  counting: Counting = {},
) {
  const { answer, key } = await pool.bytesFrom(call);
  return taggedInteraction(c, answer, await printOf(all, key), counting.counts ? pool : null);
}

async function streamed(
  c: Context<AppEnv>,
  all: GeminiPool,
  pool: GeminiPool,
  call: GeminiCall,
  counting: Counting = {},
) {
  const { response, key } = await pool.passThroughStreamFrom(call, "events");
  const print = await printOf(all, key);
  if (!response.body) return c.body(null, 200, SSE_HEADERS);
  const tracker = counting.counts ? pool.usage.beginStream() : null;
  const body = tagInteractionsStream(response.body, print, {
    ...(pool.target.keepAliveMs !== undefined && { keepAliveMs: pool.target.keepAliveMs }),
    ...(tracker && {
      onInteraction: (interaction) => tracker.event(usageOf(interaction)),
      onEnd: () => tracker.end(),
    }),
  });
  return c.body(body, 200, SSE_HEADERS);
}

/** Gemini's JSON answer with the interaction's ids tagged; an empty or non-JSON body as it came. */
function taggedInteraction(
  c: Context<AppEnv>,
  answer: GeminiBytes,
  print: string,
  counted: GeminiPool | null,
): Response {
  const text = new TextDecoder().decode(answer.bytes);
  let body: unknown = null;
  try {
    body = JSON.parse(text);
  } catch {
    body = null;
  }
  if (typeof body !== "object" || body === null) {
    return c.body(answer.bytes, answer.status as ContentfulStatusCode, {
      "content-type": answer.contentType,
    });
  }
  counted?.usage.answered(usageOf(body as Record<string, unknown>));
  tagInteraction(body, print);
  return c.body(JSON.stringify(body), answer.status as ContentfulStatusCode, {
    "content-type": "application/json; charset=UTF-8",
  });
}
