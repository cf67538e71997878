import { afterEach, describe, expect, it } from "vitest";
import { type Emulator, startEmulator } from "../../emulator/server.ts";
import { type BackendFixture, PASS, startBackend } from "../support/backend.ts";
import { startWorkers } from "../support/workerd.ts";

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((fixture) => fixture.close()));
});

async function backendWith(options: Parameters<typeof startBackend>[0]): Promise<BackendFixture> {
  const backend = await startBackend(options);
  open.push(backend);
  return backend;
}

const chat = (stream: boolean) =>
  JSON.stringify({
    model: "gemini-2.5-flash",
    messages: [{ role: "user", content: "one two three four five six seven eight" }],
    stream,
  });

const post = (url: string, body: string) =>
  fetch(url, {
    method: "POST",
    headers: { authorization: `Bearer ${PASS}`, "content-type": "application/json" },
    body,
    signal: AbortSignal.timeout(15_000),
  });

/** Polls until `check` holds (the emulator learns of a closed connection asynchronously). */
async function eventually(check: () => boolean, withinMs: number): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  while (Date.now() < deadline) {
    if (check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return check();
}

const abortedCalls = (emulator: Emulator) => emulator.aborted().length;

/** A non-streamed chat that every key answers too slowly: a prompt 502 naming the setting. */
async function expectTimedOutOnEveryKey(backend: BackendFixture, keys: string[]) {
  const started = Date.now();
  const response = await post(`${backend.url}/v1/chat/completions`, chat(false));
  const body = (await response.json()) as { error: { message: string } };
  expect(Date.now() - started).toBeLessThan(3_000);
  expect(response.status).toBe(502);
  expect(body.error.message).toContain("UPSTREAM_TIMEOUT_S");
  // Every key was tried once, and each upstream connection was closed by the gateway.
  const tried = backend.emulator.requests().map((request) => request.key ?? "");
  expect(tried.sort()).toEqual([...keys].sort());
  expect(await eventually(() => abortedCalls(backend.emulator) === keys.length, 2_000)).toBe(true);
}

describe("UPSTREAM_TIMEOUT_S", () => {
  it("counts a key that sends no headers in time as failed and tries the others, then answers 502", async () => {
    const backend = await backendWith({
      keys: ["slow-1", "slow-2"],
      bindings: { UPSTREAM_TIMEOUT_S: "0.3" },
      emulator: { latencyMs: 5_000 },
    });
    await expectTimedOutOnEveryKey(backend, ["slow-1", "slow-2"]);
  });

  it("counts a key whose whole answer stops half-way as failed, and closes that connection", async () => {
    const backend = await backendWith({
      keys: ["stall-1", "stall-2"],
      bindings: { UPSTREAM_TIMEOUT_S: "0.3" },
    });
    for (const key of ["stall-1", "stall-2"]) {
      backend.emulator.setKeyBehavior(key, { kind: "stall-body" });
    }
    await expectTimedOutOnEveryKey(backend, ["stall-1", "stall-2"]);
  });

  it("lets a stream run far longer than the timeout while no gap between chunks reaches it", async () => {
    const backend = await backendWith({
      bindings: { UPSTREAM_TIMEOUT_S: "0.4" },
      emulator: { streamChunks: 8, streamIntervalMs: 150 },
    });
    const started = Date.now();
    const response = await post(`${backend.url}/v1/chat/completions`, chat(true));
    const text = await response.text();
    expect(Date.now() - started).toBeGreaterThan(1_000);
    expect(text).toContain("[DONE]");
    expect(text).not.toContain("UPSTREAM_TIMEOUT_S");
    expect(abortedCalls(backend.emulator)).toBe(0);
  });

  it("ends a stream whose next chunk is late with an OpenAI error event and no [DONE]", async () => {
    const backend = await backendWith({
      bindings: { UPSTREAM_TIMEOUT_S: "0.3" },
      emulator: { streamIntervalMs: 3_000 },
    });
    const started = Date.now();
    const response = await post(`${backend.url}/v1/chat/completions`, chat(true));
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(Date.now() - started).toBeLessThan(2_500);
    const events = text.split("\n\n").filter((event) => event.startsWith("data: "));
    expect(events.length).toBeGreaterThanOrEqual(2);
    expect(JSON.parse(events[0]?.slice(6) ?? "")).toHaveProperty("choices");
    const last = JSON.parse(events.at(-1)?.slice(6) ?? "") as { error: { message: string } };
    expect(last.error).toMatchObject({ type: "api_error", code: "upstream_stream_error" });
    expect(last.error.message).toContain("UPSTREAM_TIMEOUT_S");
    expect(text).not.toContain("[DONE]");
    expect(await eventually(() => abortedCalls(backend.emulator) === 1, 2_000)).toBe(true);
  });

  it("leaves a prompt answer alone", async () => {
    const backend = await backendWith({ bindings: { UPSTREAM_TIMEOUT_S: "2" } });
    const response = await post(`${backend.url}/v1/chat/completions`, chat(true));
    expect(await response.text()).toContain("[DONE]");
    expect(abortedCalls(backend.emulator)).toBe(0);
  });
});

/**
 * A client that gives up, inside workerd: workerd's own HTTP server does not report a local
 * client's disconnect to the worker (Cloudflare's edge does), so this caller stands in for the
 * client and abandons its service-binding request to TARGET after `abortAfterMs` — or, with
 * `readFirst`, cancels the body after its first chunk — exactly what a disconnect does.
 */
const ABANDONING_CLIENT = `export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    const target = new Request(new URL(url.searchParams.get("path"), "http://target"), {
      method: "POST",
      headers: request.headers,
      body: await request.text(),
      signal: AbortSignal.timeout(Number(url.searchParams.get("abortAfterMs") ?? 60000)),
    });
    try {
      const response = await env.TARGET.fetch(target);
      const reader = response.body.getReader();
      await reader.read();
      if (url.searchParams.has("readFirst")) {
        await reader.cancel();
        return new Response("cancelled after the first chunk");
      }
      while (!(await reader.read()).done);
      return new Response("completed");
    } catch (error) {
      return new Response("gave up: " + error.name);
    }
  },
};`;

async function behindAbandoningClient(
  target: "backend" | "orchestrator",
  emulatorOptions: Parameters<typeof startEmulator>[0],
) {
  const emulator = await startEmulator({ ...emulatorOptions, keys: ["c-key-1", "c-key-2"] });
  const backend = (name: string, key: string) => ({
    name,
    entry: "src/index.ts",
    bindings: { PASS, GEMINI_BASE_URL: emulator.url, KEY1: key },
  });
  const workers =
    target === "backend"
      ? [backend("backend", "c-key-1")]
      : [
          {
            name: "orchestrator",
            entry: "orchestrator/src/index.ts",
            bindings: { PASS },
            serviceBindings: { BACKEND_SERVICE_0: "b0", BACKEND_SERVICE_1: "b1" },
          },
          backend("b0", "c-key-1"),
          backend("b1", "c-key-2"),
        ];
  const running = await startWorkers([
    { name: "client", script: ABANDONING_CLIENT, serviceBindings: { TARGET: target } },
    ...workers,
  ]);
  const fixture = {
    emulator,
    url: running.url,
    close: async () => {
      await running.dispose();
      await emulator.close();
    },
  };
  open.push(fixture);
  return fixture;
}

describe("a client that goes away cancels the upstream call", () => {
  it.each([
    ["backend", false],
    ["backend", true],
    ["orchestrator", false],
    ["orchestrator", true],
  ] as const)(
    "through the %s (stream: %s), while Gemini has not answered yet",
    async (target, stream) => {
      const fixture = await behindAbandoningClient(target, { latencyMs: 4_000 });
      const response = await post(
        `${fixture.url}/?abortAfterMs=500&path=/v1/chat/completions`,
        chat(stream),
      );
      expect(await response.text()).toBe("gave up: TimeoutError");
      // Long before the emulator's 4 s latency is over, and no other key or backend was asked.
      expect(await eventually(() => abortedCalls(fixture.emulator) === 1, 2_000)).toBe(true);
      expect(fixture.emulator.requests()).toHaveLength(1);
    },
  );

  it.each(["backend", "orchestrator"] as const)(
    "through the %s, in the middle of a stream",
    async (target) => {
      const fixture = await behindAbandoningClient(target, {
        streamIntervalMs: 1_500,
        streamChunks: 4,
      });
      const response = await post(
        `${fixture.url}/?readFirst&path=/v1/chat/completions`,
        chat(true),
      );
      expect(await response.text()).toBe("cancelled after the first chunk");
      expect(await eventually(() => abortedCalls(fixture.emulator) === 1, 2_000)).toBe(true);
    },
  );
});
