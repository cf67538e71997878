import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type Emulator, startEmulator } from "../../emulator/server.ts";
import { call, KEY } from "./call-emulator.ts";

const MODEL = "gemini-3.8-flash";
const A1 = KEY;
const A2 = "key-a-2";
const B = "key-b";

/** The events of an Interactions SSE body: `event:` lines and their JSON `data:`. */
function events(text: string): { type: string; data: Record<string, unknown> }[] {
  return text
    .split("\n\n")
    .filter((block) => block.startsWith("event: "))
    .map((block) => {
      const [eventLine = "", dataLine = ""] = block.split("\n");
      return { type: eventLine.slice(7), data: JSON.parse(dataLine.slice(6)) };
    });
}

describe("emulator: the Interactions API, per project", () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({
      keys: [A1, A2, B],
      projects: [
        { id: "project-a", keys: [A1, A2] },
        { id: "project-b", keys: [B] },
      ],
      interactionBackgroundMs: 50,
    });
  });
  afterAll(() => emulator.close());
  beforeEach(() => {
    emulator.reset();
    emulator.setOptions({ interactionBackgroundMs: 50 });
  });

  const create = (body: unknown, key = A1) => call(emulator, "/v1beta/interactions", { body, key });

  it("answers an interaction whole: id, completed status, thought and model_output steps, usage", async () => {
    const answer = await create({ model: MODEL, input: "Say hello" });
    expect(answer.status).toBe(200);
    expect(answer.json.id).toMatch(/^v1_[A-Za-z0-9_-]{40}$/);
    expect(answer.json).toMatchObject({ object: "interaction", model: MODEL, status: "completed" });
    const types = answer.json.steps.map((step: { type: string }) => step.type);
    expect(types.at(-1)).toBe("model_output");
    expect(answer.json.steps.at(-1).content[0]).toMatchObject({ type: "text" });
    expect(answer.json.usage.total_tokens).toBeGreaterThan(0);
    // POST answers the output steps; GET the whole timeline, the user's input first.
    expect(types).not.toContain("user_input");
    const got = await call(emulator, `/v1beta/interactions/${answer.json.id}`);
    expect(got.json.steps[0]).toEqual({
      type: "user_input",
      content: [{ type: "text", text: "Say hello" }],
    });
    expect(got.json.steps.slice(1)).toEqual(answer.json.steps);
  });

  it("continues a conversation with previous_interaction_id in the same project, any key of it", async () => {
    const first = await create({ model: MODEL, input: "My name is Ada" });
    const second = await create(
      { model: MODEL, input: "What is my name?", previous_interaction_id: first.json.id },
      A2,
    );
    expect(second.status).toBe(200);
    expect(second.json.previous_interaction_id).toBe(first.json.id);
    expect(second.json.usage.total_input_tokens).toBeGreaterThan(
      first.json.usage.total_input_tokens,
    );
  });

  it("refuses another project's interaction with 404 not_found in the Interactions error shape", async () => {
    const first = await create({ model: MODEL, input: "Hi" });
    for (const answer of [
      await create({ model: MODEL, input: "Again", previous_interaction_id: first.json.id }, B),
      await call(emulator, `/v1beta/interactions/${first.json.id}`, { key: B }),
      await call(emulator, `/v1beta/interactions/${first.json.id}`, { key: B, method: "DELETE" }),
    ]) {
      expect(answer.status).toBe(404);
      expect(answer.json).toEqual({
        error: { code: "not_found", message: `Interaction ${first.json.id} not found.` },
      });
    }
  });

  it("answers bad input, unknown models and invalid keys in the Interactions error shape", async () => {
    const bad = await create({ model: MODEL, input: [{ type: "nonsense" }] });
    expect(bad.status).toBe(400);
    expect(bad.json.error).toEqual({
      code: "invalid_request",
      message: "The value 'nonsense' is not supported for 'type' at 'input[0]'.",
    });
    const unknown = await create({ model: "gemini-0-nothing", input: "x" });
    expect(unknown.status).toBe(404);
    expect(unknown.json.error.code).toBe("model_not_found");
    const invalidKey = await create({ model: MODEL, input: "x" }, "not-a-key");
    expect(invalidKey.status).toBe(401);
    expect(invalidKey.json.error.code).toBe("authentication");
    emulator.setKeyBehavior(A1, { kind: "rate-limit", retryDelaySeconds: 7 });
    const limited = await create({ model: MODEL, input: "x" });
    expect(limited.status).toBe(429);
    expect(limited.json.error.code).toBe("rate_limit_exceeded");
    expect(limited.json.error.message).toContain("Please retry in 7s");
  });

  it("streams the steps schema's events, each with an event_id, ending with [DONE]", async () => {
    const answer = await create({ model: MODEL, input: "Count to three", stream: true });
    expect(answer.headers.get("content-type")).toBe("text/event-stream");
    const stream = events(answer.text);
    const types = stream.map((event) => event.type);
    expect(types.slice(0, 2)).toEqual(["interaction.created", "interaction.status_update"]);
    expect(types).toContain("step.start");
    expect(types).toContain("step.delta");
    expect(types.at(-1)).toBe("interaction.completed");
    for (const event of stream) {
      expect(event.data.event_type).toBe(event.type);
      expect(typeof event.data.event_id).toBe("string");
    }
    expect(answer.text.endsWith("data: [DONE]\n\n")).toBe(true);
    const text = stream
      .filter((event) => event.type === "step.delta")
      .map((event) => (event.data.delta as { text?: string }).text ?? "")
      .join("");
    const id = (stream[0]?.data.interaction as { id: string } | undefined)?.id;
    const whole = await call(emulator, `/v1beta/interactions/${id}`);
    expect(whole.json.steps.at(-1).content[0].text).toBe(text);
  });

  it("resumes a stream after last_event_id with the events that followed", async () => {
    const answer = await create({ model: MODEL, input: "Count to five", stream: true });
    const stream = events(answer.text);
    const id = (stream[0]?.data.interaction as { id: string } | undefined)?.id;
    const after = stream[2]?.data.event_id as string;
    const resumed = await call(
      emulator,
      `/v1beta/interactions/${id}?stream=true&last_event_id=${encodeURIComponent(after)}`,
    );
    expect(events(resumed.text).map((event) => event.data.event_id)).toEqual(
      stream.slice(3).map((event) => event.data.event_id),
    );
    const unknown = await call(
      emulator,
      `/v1beta/interactions/${id}?stream=true&last_event_id=nope`,
    );
    expect(unknown.status).toBe(400);
  });

  it("runs a background interaction: in_progress at once, completed when polled later", async () => {
    // A second of running: ample for the first GET to see it still in progress, even under load.
    emulator.setOptions({ interactionBackgroundMs: 1000 });
    const started = await create({ model: MODEL, input: "Think long", background: true });
    expect(started.json.status).toBe("in_progress");
    const early = await call(emulator, `/v1beta/interactions/${started.json.id}`);
    expect(early.json.status).toBe("in_progress");
    const streamed = await call(emulator, `/v1beta/interactions/${started.json.id}?stream=true`);
    expect(events(streamed.text).at(-1)?.type).toBe("interaction.completed");
    const done = await call(emulator, `/v1beta/interactions/${started.json.id}`);
    expect(done.json.status).toBe("completed");
    expect(done.json.steps.at(-1).type).toBe("model_output");
  });

  it("cancels a running background interaction; a finished one cannot be cancelled", async () => {
    // Long enough never to finish before the cancel, however loaded the machine.
    emulator.setOptions({ interactionBackgroundMs: 60_000 });
    const started = await create({ model: MODEL, input: "Think long", background: true });
    const cancelled = await call(emulator, `/v1beta/interactions/${started.json.id}/cancel`, {
      method: "POST",
    });
    expect(cancelled.json.status).toBe("cancelled");
    const again = await call(emulator, `/v1beta/interactions/${started.json.id}/cancel`, {
      method: "POST",
    });
    expect(again.status).toBe(400);
  });

  it("keeps nothing with store: false, and refuses background without store", async () => {
    const unstored = await create({ model: MODEL, input: "x", store: false });
    expect(unstored.status).toBe(200);
    const get = await call(emulator, `/v1beta/interactions/${unstored.json.id}`);
    expect(get.status).toBe(404);
    const refused = await create({ model: MODEL, input: "x", store: false, background: true });
    expect(refused.status).toBe(400);
  });

  it("deletes an interaction: gone afterwards", async () => {
    const made = await create({ model: MODEL, input: "x" });
    const deleted = await call(emulator, `/v1beta/interactions/${made.json.id}`, {
      method: "DELETE",
    });
    expect(deleted.status).toBe(200);
    expect((await call(emulator, `/v1beta/interactions/${made.json.id}`)).status).toBe(404);
  });

  it("refuses a file of another project in the input with Google's 403 text", async () => {
    const answer = await create({
      model: MODEL,
      input: [
        { type: "text", text: "Describe" },
        {
          type: "document",
          uri: "https://generativelanguage.googleapis.com/v1beta/files/abc123def456",
          mime_type: "application/pdf",
        },
      ],
    });
    expect(answer.status).toBe(403);
    expect(answer.json.error).toEqual({
      code: "permission_denied",
      message: "You do not have permission to access the File abc123def456 or it may not exist.",
    });
  });

  it("goes on with a long decode: requires_continuation and a token, then the rest with previous_interaction_id", async () => {
    const body = {
      model: "gemini-4-argon",
      input: "emulate:long=40000",
      generation_config: { max_output_tokens: 40000 },
    };
    const first = await create(body);
    expect(first.json.status).toBe("requires_continuation");
    expect(typeof first.json.continuation_token).toBe("string");
    const firstText: string = first.json.steps.at(-1).content[0].text;
    expect(firstText.split(" ")).toHaveLength(32768);
    const { input: _input, ...rest } = body;
    const second = await create({
      ...rest,
      previous_interaction_id: first.json.id,
      continuation_token: first.json.continuation_token,
    });
    expect(second.json.status).toBe("completed");
    expect(second.json.continuation_token).toBeUndefined();
    expect(second.json.steps.at(-1).content[0].text.startsWith(" t32769")).toBe(true);
    // The token is the project's: another project's key cannot use it (nor see the hop).
    const stolen = await create({ ...body, continuation_token: first.json.continuation_token }, B);
    expect(stolen.status).toBe(400);
    expect(stolen.json.error.code).toBe("invalid_request");
  });
});
