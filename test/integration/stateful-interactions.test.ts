import type { GoogleGenAI } from "@google/genai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { readTag, tagId } from "../../common/resource-tag.ts";
import { keyPrintOf } from "../../deploy/fingerprint.ts";
import type { RecordedRequest } from "../../emulator/server.ts";
import { projectOf, SHARDS, startProjectPool } from "../support/project-pool.ts";
import { PASS, type Topology } from "../support/topology.ts";

/**
 * The Interactions API through the whole topology with @google/genai 3.x as the client (which
 * calls `/v1/interactions`): keys of several Google projects over three backends (one project's
 * keys on two backends), one key rate-limited and one invalid. An interaction lives in the
 * project of the key that made it; every follow-up (GET, a resumed stream, cancel, delete, a new
 * interaction with `previous_interaction_id`) must reach that project — the emulator answers any
 * other with 404.
 */
const MODEL = "gemini-3.8-flash";
/** No SDK retries: a retry would hide what the gateway answered. */
const NO_RETRIES = { maxRetries: 0 };

let topology: Topology;
let genai: GoogleGenAI;

beforeAll(async () => {
  ({ topology, genai } = await startProjectPool({ interactionBackgroundMs: 150 }));
});
afterAll(() => topology.close());

const keyOfPrint = (print: string | undefined) =>
  SHARDS.flat().find((key) => keyPrintOf(key) === print);

let logStart = 0;
beforeEach(() => {
  logStart = topology.emulator.requests().length;
});
const recent = () => topology.emulator.requests().slice(logStart);

/** The upstream requests of this test that named Google's id `id` (path or body). */
const naming = (id: string): RecordedRequest[] =>
  recent().filter((request) =>
    `${request.path} ${JSON.stringify(request.body ?? "")}`.includes(id),
  );

/** No request of this test reached another project (the emulator's 404) or was refused as one (403). */
function expectNoCrossProjectRefusals() {
  const refused = recent().filter(
    (request) =>
      request.path.startsWith("/v1beta/interactions") &&
      (request.status === 403 || request.status === 404),
  );
  expect(refused).toEqual([]);
}

/** The owner's Google id and project of a tagged interaction id. */
function ownerOf(taggedId: string) {
  const tag = readTag(taggedId);
  expect(tag).not.toBeNull();
  const key = keyOfPrint(tag?.print);
  expect(key).toBeDefined();
  return { id: tag?.id ?? "", key: key ?? "", project: projectOf(key) };
}

interface Event {
  event_type: string;
  event_id?: string;
  interaction?: { id: string; status: string };
  delta?: { type: string; text?: string };
}

const textOf = (events: Event[]) =>
  events
    .filter((event) => event.event_type === "step.delta" && event.delta?.type === "text")
    .map((event) => event.delta?.text ?? "")
    .join("");

describe("Interactions through the pool", () => {
  it("creates an interaction, continues it with previous_interaction_id, gets and deletes it, always in its project", async () => {
    const first = await genai.interactions.create({ model: MODEL, input: "My name is Ada." });
    expect(first.status).toBe("completed");
    const owner = ownerOf(first.id);
    expect(first.output_text).toBeTruthy();

    // Follow-ups, each through a backend the orchestrator picks, chained on the last answer.
    let previous = first;
    const chain = [first];
    for (let round = 0; round < 4; round++) {
      previous = await genai.interactions.create({
        model: MODEL,
        input: `Turn ${round}: what is my name?`,
        previous_interaction_id: previous.id,
      });
      expect(previous.previous_interaction_id).toBe(chain.at(-1)?.id);
      expect(ownerOf(previous.id).project).toBe(owner.project);
      chain.push(previous);
    }
    // The conversation grew: each turn read the ones before it.
    expect(previous.usage?.total_input_tokens).toBeGreaterThan(
      first.usage?.total_input_tokens ?? 0,
    );

    const got = await genai.interactions.get(first.id);
    expect(got.id).toBe(first.id);
    expect(got.output_text).toBe(first.output_text);
    await genai.interactions.delete(first.id);
    const gone = await genai.interactions.get(first.id, {}, NO_RETRIES).catch((error) => error);
    expect((gone as { status?: number }).status).toBe(404);

    for (const interaction of chain) {
      const { id } = readTag(interaction.id) ?? { id: "" };
      for (const request of naming(id)) expect(request.project).toBe(owner.project);
    }
    // Only the GET after deletion met a 404, in the owner's project.
    const refused = recent().filter((request) => request.status === 404);
    expect(refused.map((request) => request.project)).toEqual([owner.project]);
    expect(recent().filter((request) => request.status === 403)).toEqual([]);
  });

  it("streams an interaction with tagged ids in its events, and resumes the stream after an event", async () => {
    const stream = await genai.interactions.create({
      model: MODEL,
      input: "Count from one to twelve, please.",
      stream: true,
    });
    const events: Event[] = [];
    for await (const event of stream) {
      events.push(event as Event);
      // The client goes away after the first text delta (a dropped connection).
      if ((event as Event).event_type === "step.delta") break;
    }
    const created = events.find((event) => event.event_type === "interaction.created");
    const taggedId = created?.interaction?.id ?? "";
    const owner = ownerOf(taggedId);
    const lastSeen = events.at(-1)?.event_id ?? "";
    expect(lastSeen).not.toBe("");

    const resumed = await genai.interactions.get(taggedId, {
      stream: true,
      last_event_id: lastSeen,
    });
    const rest: Event[] = [];
    for await (const event of resumed) rest.push(event as Event);
    expect(rest[0]?.event_id).not.toBe(lastSeen);
    const completed = rest.find((event) => event.event_type === "interaction.completed");
    expect(completed?.interaction?.id).toBe(taggedId);
    expect(completed?.interaction?.status).toBe("completed");

    const whole = await genai.interactions.get(taggedId);
    expect(textOf([...events, ...rest])).toBe(whole.output_text);
    // A whole stream, raw: it ends as Google ends it, with no error after it.
    const raw = await fetch(`${topology.url}/v1/interactions/${taggedId}?stream=true`, {
      headers: { "x-goog-api-key": PASS },
    });
    const rawText = await raw.text();
    expect(rawText.endsWith("data: [DONE]\n\n")).toBe(true);
    expect(rawText).not.toContain("error");
    for (const request of naming(owner.id)) expect(request.project).toBe(owner.project);
    expectNoCrossProjectRefusals();
  });

  it("runs a background interaction polled to completion, and cancels a running one", async () => {
    const started = await genai.interactions.create({
      model: MODEL,
      input: "Think about it in the background.",
      background: true,
    });
    expect(started.status).toBe("in_progress");
    const owner = ownerOf(started.id);
    let polled = started;
    for (let poll = 0; poll < 100 && polled.status === "in_progress"; poll++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      polled = await genai.interactions.get(started.id);
    }
    expect(polled.status).toBe("completed");
    expect(polled.output_text).toBeTruthy();

    // Long enough never to finish before the cancel, however loaded the machine.
    topology.emulator.setOptions({ interactionBackgroundMs: 60_000 });
    const running = await genai.interactions.create({
      model: MODEL,
      input: "Something long.",
      background: true,
    });
    const cancelled = await genai.interactions.cancel(running.id);
    topology.emulator.setOptions({ interactionBackgroundMs: 150 });
    expect(cancelled.status).toBe("cancelled");
    expect(cancelled.id).toBe(running.id);
    const again = await genai.interactions
      .cancel(running.id, {}, NO_RETRIES)
      .catch((error) => error);
    expect((again as { status?: number }).status).toBe(400);
    expect(JSON.parse((again as { body: string }).body).error.code).toBe("invalid_request");

    for (const request of naming(owner.id)) expect(request.project).toBe(owner.project);
    const { id: runningId, project } = ownerOf(running.id);
    for (const request of naming(runningId)) expect(request.project).toBe(project);
    expectNoCrossProjectRefusals();
  });

  it("refuses in 400 a request naming resources of two keys: an interaction of one and a file of another", async () => {
    const file = await genai.files.upload({
      file: new Blob(["a note"], { type: "text/plain" }),
    });
    const filePrint = readTag(file.name?.slice("files/".length) ?? "")?.print;
    let other: { id: string } | undefined;
    for (let attempt = 0; attempt < 20 && !other; attempt++) {
      const made = await genai.interactions.create({ model: MODEL, input: "hello" });
      if (readTag(made.id)?.print !== filePrint) other = made;
    }
    expect(other).toBeDefined();
    const response = await fetch(`${topology.url}/v1beta/interactions`, {
      method: "POST",
      headers: { "x-goog-api-key": PASS, "content-type": "application/json" },
      body: JSON.stringify({
        model: MODEL,
        previous_interaction_id: other?.id,
        input: [
          { type: "text", text: "Read the note" },
          { type: "document", uri: file.uri, mime_type: "text/plain" },
        ],
      }),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("invalid_request");
    expect(body.error.message).toContain("different keys");
    await genai.files.delete({ name: file.name ?? "" });
  });

  it("uses a Gemini file in an interaction with the file's key", async () => {
    const file = await genai.files.upload({
      file: new Blob(["the secret word is plum"], { type: "text/plain" }),
    });
    const made = await genai.interactions.create({
      model: MODEL,
      input: [
        { type: "text", text: "What does the note say?" },
        { type: "document", uri: file.uri ?? "", mime_type: "text/plain" },
      ],
    });
    expect(readTag(made.id)?.print).toBe(readTag(file.name?.slice("files/".length) ?? "")?.print);
    await genai.files.delete({ name: file.name ?? "" });
    expect(recent().filter((request) => request.status === 403)).toEqual([]);
  });

  it("answers its own 429 with Retry-After when the interaction's key is rate-limited", async () => {
    const made = await genai.interactions.create({ model: MODEL, input: "hi" });
    const owner = ownerOf(made.id);
    topology.emulator.setKeyBehavior(owner.key, { kind: "rate-limit", retryDelaySeconds: 42 });
    try {
      const before = topology.emulator.requests().length;
      const response = await fetch(`${topology.url}/v1/interactions`, {
        method: "POST",
        headers: { "x-goog-api-key": PASS, "content-type": "application/json" },
        body: JSON.stringify({ model: MODEL, input: "again", previous_interaction_id: made.id }),
      });
      expect(response.status).toBe(429);
      expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
      const body = (await response.json()) as { error: { code: string } };
      expect(body.error.code).toBe("rate_limit_exceeded");
      // Only the owner was asked, never another key.
      const asked = topology.emulator.requests().slice(before);
      expect(asked.map((request) => request.key)).toEqual([owner.key]);
      const viaSdk = await genai.interactions
        .get(made.id, {}, NO_RETRIES)
        .catch((error: unknown) => error);
      expect((viaSdk as { status?: number }).status).toBe(429);
    } finally {
      topology.emulator.setKeyBehavior(owner.key, null);
    }
  });

  it("answers a clear 404 in the Interactions shape for a key the gateway no longer holds, and 400 for a malformed id", async () => {
    const removed = tagId("v1_somethingmadebyakeythatisgone", keyPrintOf("a-key-removed"));
    const response = await fetch(`${topology.url}/v1/interactions/${removed}`, {
      headers: { "x-goog-api-key": PASS },
    });
    expect(response.status).toBe(404);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("not_found");
    expect(body.error.message).toContain("no longer holds");

    const malformed = await fetch(`${topology.url}/v1beta/interactions/bad!id`, {
      headers: { "x-goog-api-key": PASS },
    });
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { error: { code: string } }).error.code).toBe(
      "invalid_request",
    );

    const stream = await fetch(`${topology.url}/v1beta/interactions`, {
      method: "POST",
      headers: { "x-goog-api-key": PASS, "content-type": "application/json" },
      body: JSON.stringify({ model: MODEL, input: "x", previous_interaction_id: removed }),
    });
    expect(stream.status).toBe(404);
  });

  it("lets @google/genai continue a long decode hop after hop, each hop with the first hop's key", async () => {
    const answer = await genai.interactions.create({
      model: "gemini-4-argon",
      input: "emulate:long=40000",
      generation_config: { max_output_tokens: 40000 },
    });
    expect(answer.status).toBe("completed");
    expect(answer.output_text?.split(" ")).toHaveLength(40000);
    const hops = answer.continuation_ids ?? [];
    expect(hops).toHaveLength(2);
    const owners = hops.map((id) => ownerOf(id));
    expect(owners[1]?.key).toBe(owners[0]?.key);
    // The second hop went upstream with Google's own id and token (tags removed), to that key.
    const second = recent().filter(
      (request) =>
        request.path === "/v1beta/interactions" &&
        JSON.stringify(request.body).includes("continuation_token"),
    );
    expect(second).toHaveLength(1);
    const sent = second[0]?.body as { previous_interaction_id: string; continuation_token: string };
    expect(sent.previous_interaction_id).toBe(owners[0]?.id);
    expect(readTag(sent.continuation_token)).toBeNull();
    expect(second[0]?.key).toBe(owners[0]?.key);

    // Streamed: the SDK opens the next hop from the terminal event's (tagged) id and token.
    const stream = await genai.interactions.create({
      model: "gemini-4-argon",
      input: "emulate:long=70000",
      generation_config: { max_output_tokens: 70000 },
      stream: true,
    });
    const events: Event[] = [];
    for await (const event of stream) events.push(event as Event);
    expect(textOf(events).split(" ")).toHaveLength(70000);
    const created = events.filter((event) => event.event_type === "interaction.created");
    expect(created).toHaveLength(2);
    const streamOwners = created.map((event) => ownerOf(event.interaction?.id ?? "").key);
    expect(streamOwners[1]).toBe(streamOwners[0]);
    expectNoCrossProjectRefusals();
  });

  it("ends a stream that breaks mid-way with the Interactions API's error event", async () => {
    const made = await genai.interactions.create({ model: MODEL, input: "Count to ten." });
    const owner = ownerOf(made.id);
    topology.emulator.setKeyBehavior(owner.key, { kind: "cut-stream", afterChunks: 2 });
    try {
      const response = await fetch(`${topology.url}/v1/interactions/${made.id}?stream=true`, {
        headers: { "x-goog-api-key": PASS, accept: "text/event-stream" },
      });
      expect(response.status).toBe(200);
      const text = await response.text();
      expect(text.startsWith("event: interaction.created\n")).toBe(true);
      // Nothing after the error event: no generate-style end, no keep-alive inside an event.
      expect(text.split("event: error").length).toBe(2);
      expect(
        text.endsWith(
          'event: error\ndata: {"event_type":"error","error":{"code":"api_error","message":"The stream from Gemini broke off."}}\n\n',
        ),
      ).toBe(true);
      // @google/genai hands the error event to the caller as an event of the stream.
      const events: Event[] = [];
      for await (const event of await genai.interactions.get(made.id, { stream: true })) {
        events.push(event as Event);
      }
      expect(events.at(-1)?.event_type).toBe("error");
    } finally {
      topology.emulator.setKeyBehavior(owner.key, null);
    }
  });

  it("answers a wrong PASS, a forged tag, a bad Api-Revision and an unstored interaction in the Interactions shape", async () => {
    const wrongPass = await fetch(`${topology.url}/v1/interactions`, {
      method: "POST",
      headers: { "x-goog-api-key": "not-the-pass", "content-type": "application/json" },
      body: JSON.stringify({ model: MODEL, input: "x" }),
    });
    expect(wrongPass.status).toBe(401);
    expect(((await wrongPass.json()) as { error: { code: string } }).error.code).toBe(
      "authentication",
    );

    const made = await genai.interactions.create({ model: MODEL, input: "hi" });
    // The check digits changed: no tag the router made, so the keys are asked; none has it.
    const forged = `${made.id.slice(0, -4)}${made.id.endsWith("0000") ? "1111" : "0000"}`;
    const response = await fetch(`${topology.url}/v1/interactions/${forged}`, {
      headers: { "x-goog-api-key": PASS },
    });
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("not_found");

    const revision = (value: string) =>
      fetch(`${topology.url}/v1beta/interactions`, {
        method: "POST",
        headers: {
          "x-goog-api-key": PASS,
          "content-type": "application/json",
          "api-revision": value,
        },
        body: JSON.stringify({ model: MODEL, input: "x" }),
      });
    expect((await revision("2026-05-20")).status).toBe(200);
    const badRevision = await revision("latest; x");
    expect(badRevision.status).toBe(400);
    expect(((await badRevision.json()) as { error: { code: string } }).error.code).toBe(
      "invalid_request",
    );

    const unstored = await genai.interactions.create({ model: MODEL, input: "x", store: false });
    expect(readTag(unstored.id)).not.toBeNull();
    const gone = await genai.interactions.get(unstored.id, {}, NO_RETRIES).catch((error) => error);
    expect((gone as { status?: number }).status).toBe(404);
  });
});
