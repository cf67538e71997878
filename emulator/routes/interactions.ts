import { randomBytes } from "node:crypto";
import { planAnswer } from "../behaviour/plan-answer.ts";
import { countWords } from "../behaviour/tokens.ts";
import { delay, sendJson, writeAndWait } from "../http-io.ts";
import {
  interactionModelNotFound,
  interactionNotFound,
  invalidInteractionRequest,
} from "../interactions-errors.ts";
import { findModel, rowOf, supports } from "../models/catalog.ts";
import {
  eventIdOf,
  INTERACTION_LIFETIME_MS,
  type InteractionEvent,
  newInteractionId,
  type StoredInteraction,
} from "../resources/interactions.ts";
import type { Content, Part } from "../validate/request-shapes.ts";
import { checkFilesVisible } from "./cached-contents.ts";
import { checkStoresVisible } from "./file-search-stores.ts";
import { jsonBody, type RouteContext } from "./route-context.ts";

/**
 * Gemini's Interactions API (ai.google.dev/api/interactions-api; the `steps` schema of
 * @google/genai 3.x, whose types are read in node_modules/@google/genai/dist/genai.d.ts):
 * `POST /v1beta/interactions` (whole, or `stream: true` SSE, or `background: true`),
 * `GET /v1beta/interactions/{id}` (whole, or `stream=true` resumed after `last_event_id`),
 * `POST /v1beta/interactions/{id}/cancel` (the SDK's path) and `DELETE`. Interactions live in the
 * project of the key that made them; another project's key gets 404 not_found.
 */
export function interactionsRoute(context: RouteContext, method: string, rest: string) {
  const [id, action, extra] = rest.split("/");
  if (id === undefined || id === "") {
    if (method === "POST") return createInteraction(context);
  } else if (extra === undefined && action === undefined) {
    if (method === "GET") return getInteraction(context, id);
    if (method === "DELETE") return deleteInteraction(context, id);
  } else if (extra === undefined && action === "cancel" && method === "POST") {
    return cancelInteraction(context, id);
  }
  throw invalidInteractionRequest(
    `Method ${method} is not supported on /v1beta/interactions/${rest}.`,
  );
}

const iso = (time: number) => new Date(time).toISOString().replace(/\.\d{3}Z$/, "Z");

/** The content block types of `input` (genai.d.ts Content_2). */
const CONTENT_TYPES = new Set(["text", "image", "audio", "document", "video"]);
/** The step types a client may send as `input` history (genai.d.ts Step). */
const INPUT_STEP_TYPES = new Set([
  "user_input",
  "model_output",
  "thought",
  "function_call",
  "function_result",
]);

type Block = Record<string, unknown>;

function blockToPart(block: Block, where: string): Part {
  const type = block.type;
  if (typeof type !== "string" || !CONTENT_TYPES.has(type)) {
    throw invalidInteractionRequest(
      `The value '${String(type)}' is not supported for 'type' at '${where}'.`,
    );
  }
  if (type === "text") {
    if (typeof block.text !== "string") {
      throw invalidInteractionRequest(`'text' is required at '${where}'.`);
    }
    return { text: block.text };
  }
  const mimeType = typeof block.mime_type === "string" ? block.mime_type : undefined;
  if (typeof block.uri === "string") return { fileData: { fileUri: block.uri, mimeType } };
  if (typeof block.data === "string") return { inlineData: { data: block.data, mimeType } };
  throw invalidInteractionRequest(`One of 'data' or 'uri' is required at '${where}'.`);
}

/** `input` (a string, a content block, content blocks or steps) as Gemini contents. */
function inputContents(input: unknown): Content[] {
  if (typeof input === "string") return [{ role: "user", parts: [{ text: input }] }];
  const list = Array.isArray(input) ? (input as unknown[]) : [input];
  if (list.some((item) => typeof item !== "object" || item === null)) {
    throw invalidInteractionRequest("'input' must be a string, a content, contents or steps.");
  }
  const blocks = list as Block[];
  const isSteps = blocks.some((block) => INPUT_STEP_TYPES.has(String(block.type)));
  if (!isSteps) {
    return [
      { role: "user", parts: blocks.map((block, index) => blockToPart(block, `input[${index}]`)) },
    ];
  }
  return blocks.map((step, index) => {
    const type = String(step.type);
    if (!INPUT_STEP_TYPES.has(type)) {
      throw invalidInteractionRequest(
        `The value '${type}' is not supported for 'type' at 'input[${index}]'.`,
      );
    }
    const content = Array.isArray(step.content) ? (step.content as Block[]) : [];
    const parts = content.map((block, at) => blockToPart(block, `input[${index}].content[${at}]`));
    if (type === "function_result")
      parts.push({ text: `Tool said: ${JSON.stringify(step.result ?? "")}` });
    return { role: type === "user_input" || type === "function_result" ? "user" : "model", parts };
  });
}

/** Parts back into content blocks, for the `user_input` steps a GET shows. */
function partsToBlocks(parts: readonly Part[]): Block[] {
  return parts.map((part) =>
    part.fileData
      ? { type: "document", uri: part.fileData.fileUri, mime_type: part.fileData.mimeType }
      : part.inlineData
        ? { type: "image", data: part.inlineData.data, mime_type: part.inlineData.mimeType }
        : { type: "text", text: part.text ?? "" },
  );
}

interface Planned {
  contents: Content[];
  asked: Content[];
  answerSoFar: string;
  /** Long decode: the hop ends `requires_continuation` with this token. */
  continuationToken?: string;
  inputSteps: Block[];
  steps: Block[];
  text: string;
  signature?: string;
  usage: Record<string, number>;
}

/**
 * What the model answers (the emulator's deterministic answer), as steps and usage. A
 * `continuation_token` goes on with a long decode (genai.d.ts Interaction.continuation_token:
 * "Output: set when status is REQUIRES_CONTINUATION and decoding can be resumed. Input: pass the
 * latest token back unchanged in CreateInteraction to continue decoding"): after the stored hop
 * named by `previous_interaction_id` (asked again with that hop's contents, no new input — as
 * @google/genai's automatic continuation sends it), or, unstored, with the same input again. The
 * hops and their tokens are generateContent's long decode (behaviour/long-decode.ts).
 */
function plan(
  context: RouteContext,
  body: Block,
  model: NonNullable<ReturnType<typeof findModel>>,
  previous: StoredInteraction | null,
): Planned {
  const token = body.continuation_token;
  if (token !== undefined && typeof token !== "string") {
    throw invalidInteractionRequest("'continuation_token' must be a string.");
  }
  const fresh = body.input === undefined ? [] : inputContents(body.input);
  checkFilesVisible(context, fresh);
  const continuing = token !== undefined && previous !== null;
  const contents = continuing ? previous.asked : [...(previous?.contents ?? []), ...fresh];
  if (!contents.some((content) => content.role === "user")) {
    throw invalidInteractionRequest(
      "'input' is required unless 'previous_interaction_id' is given.",
    );
  }
  const config =
    typeof body.generation_config === "object" ? (body.generation_config as Block) : null;
  const maxTokens = config?.max_output_tokens;
  const planned = planAnswer(
    {
      contents,
      ...(typeof body.system_instruction === "string" && {
        systemInstruction: { parts: [{ text: body.system_instruction }] },
      }),
      generationConfig: typeof maxTokens === "number" ? { maxOutputTokens: maxTokens } : {},
      ...(token !== undefined && { continuationToken: token }),
    },
    model,
    0,
    { project: context.project, streamed: body.stream === true },
  );
  const text = planned.text ?? "";
  const thinks = Boolean(model.thinking);
  const signature = thinks ? randomBytes(24).toString("base64") : undefined;
  const steps: Block[] = [
    ...(signature ? [{ type: "thought", signature }] : []),
    { type: "model_output", content: [{ type: "text", text }] },
  ];
  const input = Number(planned.usage.promptTokenCount ?? 0);
  const output = Math.max(1, countWords(text));
  const thought = thinks ? Math.max(1, Math.ceil(output / 2)) : 0;
  const answerSoFar = (continuing ? previous.answerSoFar : "") + text;
  return {
    contents: [...contents, { role: "model", parts: [{ text: answerSoFar }] }],
    asked: contents,
    answerSoFar,
    ...(planned.continuationToken && { continuationToken: planned.continuationToken }),
    inputSteps: fresh.map((content) => ({
      type: "user_input",
      content: partsToBlocks(content.parts ?? []),
    })),
    steps,
    text,
    ...(signature && { signature }),
    usage: {
      total_input_tokens: input,
      total_output_tokens: output,
      ...(thought ? { total_thought_tokens: thought } : {}),
      total_tokens: input + output + thought,
    },
  };
}

/** The SSE events of an answer after `interaction.created` and the first status update. */
function answerEvents(planned: Planned, chunks: number): Omit<InteractionEvent, "event_id">[] {
  const events: Omit<InteractionEvent, "event_id">[] = [];
  let index = 0;
  if (planned.signature) {
    events.push(
      { event_type: "step.start", index, step: { type: "thought" } },
      {
        event_type: "step.delta",
        index,
        delta: { type: "thought_signature", signature: planned.signature },
      },
      { event_type: "step.stop", index },
    );
    index++;
  }
  events.push({ event_type: "step.start", index, step: { type: "model_output" } });
  // Every character kept: a continuation hop starts with the space before its first word.
  const words = planned.text.match(/\s*\S+\s*/g) ?? [planned.text];
  const size = Math.max(1, Math.ceil(words.length / Math.max(1, chunks)));
  for (let at = 0; at < words.length; at += size) {
    events.push({
      event_type: "step.delta",
      index,
      delta: { type: "text", text: words.slice(at, at + size).join("") },
    });
  }
  events.push({ event_type: "step.stop", index });
  return events;
}

/** The interaction's fields a lifecycle event carries (InteractionSseEventInteraction). */
const lifecycle = (entry: StoredInteraction) => {
  const { id, status, object, model, created, updated, usage, previous_interaction_id } =
    entry.resource;
  const token = entry.resource.continuation_token;
  return {
    ...{ id, status, object, model, created, updated, usage, previous_interaction_id },
    ...(token !== undefined && { continuation_token: token }),
  };
};

function push(entry: StoredInteraction, event: Omit<InteractionEvent, "event_id">) {
  entry.events.push({
    ...event,
    event_id: eventIdOf(entry.id, entry.events.length),
  } as InteractionEvent);
}

function finish(entry: StoredInteraction, planned: Planned, chunks: number, now: number) {
  for (const event of answerEvents(planned, chunks)) push(entry, event);
  Object.assign(entry.resource, {
    status: planned.continuationToken ? "requires_continuation" : "completed",
    ...(planned.continuationToken && { continuation_token: planned.continuationToken }),
    steps: planned.steps,
    usage: planned.usage,
    updated: iso(now),
  });
  push(entry, { event_type: "interaction.completed", interaction: lifecycle(entry) });
  entry.finished = true;
  for (const listener of entry.listeners) listener();
}

/** `POST /v1beta/interactions`. */
function createInteraction(context: RouteContext) {
  const raw = jsonBody(context);
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    throw invalidInteractionRequest("The request body must be a JSON object.");
  }
  const body = raw as Block;
  if (body.agent !== undefined) {
    throw invalidInteractionRequest(
      "The emulator serves model interactions only; agents are not emulated.",
    );
  }
  if (typeof body.model !== "string" || body.model === "") {
    throw invalidInteractionRequest("'model' is required when 'agent' is not given.");
  }
  const modelName = body.model.replace(/^models\//, "");
  const model = findModel(modelName, context.state.options.extraModels);
  const row = model ? rowOf(model) : undefined;
  if (
    !model ||
    !supports(model, "generateContent") ||
    (row?.status === "retired" && !row.reroutedTo)
  ) {
    throw interactionModelNotFound(modelName);
  }
  checkStoresVisible(context, body.tools);
  const store = body.store !== false;
  const background = body.background === true;
  // "background=true requires store=true": a background interaction is read back by id.
  if (background && !store) {
    throw invalidInteractionRequest("'background' requires 'store' to be true.");
  }
  const { state } = context;
  const now = state.now();
  let before: StoredInteraction | null = null;
  let previous: string | undefined;
  if (body.previous_interaction_id !== undefined) {
    if (typeof body.previous_interaction_id !== "string") {
      throw invalidInteractionRequest("'previous_interaction_id' must be a string.");
    }
    previous = body.previous_interaction_id;
    before = state.interactions.live(previous, now);
    if (!before || before.project !== context.project) throw interactionNotFound(previous);
    if (!before.finished) {
      throw invalidInteractionRequest(`Interaction ${previous} has not completed yet.`);
    }
  }
  const planned = plan(context, body, model, before);
  const id = newInteractionId();
  const entry: StoredInteraction = {
    project: context.project,
    id,
    resource: {
      id,
      object: "interaction",
      model: modelName,
      status: "in_progress",
      created: iso(now),
      updated: iso(now),
      ...(previous && { previous_interaction_id: previous }),
      ...(typeof body.system_instruction === "string" && {
        system_instruction: body.system_instruction,
      }),
    },
    inputSteps: planned.inputSteps,
    contents: planned.contents,
    asked: planned.asked,
    answerSoFar: planned.answerSoFar,
    events: [],
    finished: false,
    listeners: new Set(),
    createdAt: now,
    expiresAt: now + INTERACTION_LIFETIME_MS,
  };
  if (store) state.interactions.interactions.set(id, entry);
  push(entry, { event_type: "interaction.created", interaction: lifecycle(entry) });
  push(entry, {
    event_type: "interaction.status_update",
    interaction_id: id,
    status: "in_progress",
  });
  const chunks = state.options.streamChunks;
  if (background) {
    entry.timer = setTimeout(
      () => finish(entry, planned, chunks, state.now()),
      state.options.interactionBackgroundMs,
    );
    entry.timer.unref?.();
    if (body.stream === true) return streamEvents(context, entry, undefined);
    return sendJson(context.response, 200, entry.resource);
  }
  finish(entry, planned, chunks, now);
  if (body.stream === true) return streamEvents(context, entry, undefined);
  return sendJson(context.response, 200, entry.resource);
}

/** The project's live interaction `id`; any other is 404 not_found. */
function visibleInteraction(context: RouteContext, id: string): StoredInteraction {
  const entry = context.state.interactions.live(id, context.state.now());
  if (!entry || entry.project !== context.project) throw interactionNotFound(id);
  return entry;
}

/** `GET /v1beta/interactions/{id}[?stream=true&last_event_id=…]`. */
function getInteraction(context: RouteContext, id: string) {
  const entry = visibleInteraction(context, id);
  const query = context.url.searchParams;
  const lastEventId = query.get("last_event_id") ?? undefined;
  if (query.get("stream") === "true") return streamEvents(context, entry, lastEventId);
  if (lastEventId !== undefined) {
    throw invalidInteractionRequest("'last_event_id' can only be used if 'stream' is true.");
  }
  // "POST /interactions returns only output steps. GET /interactions/{id} returns the full step
  // timeline, including the initial user_input step" (ai.google.dev/gemini-api/docs/
  // interactions-breaking-changes-may-2026); `include_input` (deprecated) changes nothing here.
  const steps = [...entry.inputSteps, ...((entry.resource.steps as Block[] | undefined) ?? [])];
  sendJson(context.response, 200, { ...entry.resource, steps });
}

/** `POST /v1beta/interactions/{id}/cancel`: only a background interaction that is still running. */
function cancelInteraction(context: RouteContext, id: string) {
  const entry = visibleInteraction(context, id);
  if (entry.finished) {
    throw invalidInteractionRequest(
      `Interaction ${id} is not running; only a running background interaction can be cancelled.`,
    );
  }
  if (entry.timer) clearTimeout(entry.timer);
  Object.assign(entry.resource, { status: "cancelled", updated: iso(context.state.now()) });
  push(entry, { event_type: "interaction.status_update", interaction_id: id, status: "cancelled" });
  entry.finished = true;
  for (const listener of entry.listeners) listener();
  sendJson(context.response, 200, entry.resource);
}

/** `DELETE /v1beta/interactions/{id}`: `{}`. */
function deleteInteraction(context: RouteContext, id: string) {
  visibleInteraction(context, id);
  context.state.interactions.forget(id);
  sendJson(context.response, 200, {});
}

/**
 * The interaction's events as SSE (`event: {type}` and `data: {json}` with its `event_id`), from
 * after `lastEventId` (all without it), waiting for those of a running background interaction,
 * ending with `data: [DONE]` (the sentinel @google/genai's stream reader stops at). Honours the
 * key's cut-stream behaviour (the connection is dropped after that many events).
 */
async function streamEvents(
  context: RouteContext,
  entry: StoredInteraction,
  lastEventId: string | undefined,
) {
  const { response, state, behavior } = context;
  let next = 0;
  if (lastEventId !== undefined) {
    const at = entry.events.findIndex((event) => event.event_id === lastEventId);
    if (at === -1)
      throw invalidInteractionRequest(
        `'last_event_id' ${lastEventId} is not an event of interaction ${entry.id}.`,
      );
    next = at + 1;
  }
  response.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
  response.flushHeaders();
  let sent = 0;
  let wake = () => {};
  response.once("close", () => wake());
  for (;;) {
    while (next < entry.events.length) {
      const event = entry.events[next++] as InteractionEvent;
      if (behavior?.kind === "cut-stream" && sent >= behavior.afterChunks) {
        response.destroy();
        return;
      }
      if (sent > 0) await delay(state.options.streamIntervalMs);
      if (response.destroyed) return;
      await writeAndWait(
        response,
        `event: ${event.event_type}\ndata: ${JSON.stringify(event)}\n\n`,
      );
      sent++;
    }
    if (entry.finished) break;
    await new Promise<void>((resolve) => {
      wake = () => {
        entry.listeners.delete(wake);
        resolve();
      };
      entry.listeners.add(wake);
    });
    if (response.destroyed) return;
  }
  response.end("data: [DONE]\n\n");
}
