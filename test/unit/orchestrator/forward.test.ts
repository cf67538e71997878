import { describe, expect, it } from "vitest";
import { forwardWithFailover } from "../../../orchestrator/src/forward.ts";
import { fakeBackend, final, firstRemaining, mayHelp } from "./fake-backends.ts";

const encoder = new TextEncoder();
const chatRequest = () =>
  new Request("https://orchestrator.example/v1/chat/completions", {
    method: "POST",
    headers: { authorization: "Bearer x", "content-type": "application/json" },
  });
const body = new Blob(['{"model":"m","messages":[]}']);

const forward = (backends: ReturnType<typeof fakeBackend>[]) =>
  forwardWithFailover({
    request: chatRequest(),
    body,
    headers: { "x-request-id": "rid-1" },
    backends,
    random: firstRemaining,
  });

describe("forwardWithFailover", () => {
  it("returns the first backend's success without trying another", async () => {
    const backends = [fakeBackend(0, 200), fakeBackend(1, 200)];
    const result = await forward(backends);
    expect(result.response.status).toBe(200);
    expect(result.backend).toBe(0);
    expect(result.attempts).toEqual([{ backend: 0, status: 200 }]);
    expect(backends[1]?.received).toHaveLength(0);
  });

  it("replays method, URL, headers, body and the request id to the backend", async () => {
    const backend = fakeBackend(0, 200);
    await forward([backend]);
    const seen = backend.received[0];
    expect(seen?.method).toBe("POST");
    expect(seen?.url).toBe("https://orchestrator.example/v1/chat/completions");
    expect(seen?.headers.get("authorization")).toBe("Bearer x");
    expect(seen?.headers.get("x-request-id")).toBe("rid-1");
    expect(seen?.body).toBe('{"model":"m","messages":[]}');
  });

  it("fails over when a backend throws, sending the same body again", async () => {
    const backends = [fakeBackend(0, "throw"), fakeBackend(1, 200)];
    const result = await forward(backends);
    expect(result.response.status).toBe(200);
    expect(result.backend).toBe(1);
    expect(result.attempts).toEqual([
      { backend: 0, error: "Error: backend 0 is down" },
      { backend: 1, status: 200 },
    ]);
    expect(backends[1]?.received[0]?.body).toBe('{"model":"m","messages":[]}');
  });

  it.each([429, 500, 502, 503, 504])(
    "fails over when a backend answers %i and says another backend may help",
    async (status) => {
      const result = await forward([fakeBackend(0, mayHelp(status)), fakeBackend(1, 200)]);
      expect(result.response.status).toBe(200);
      expect(result.attempts.map((attempt) => attempt.status)).toEqual([status, 200]);
    },
  );

  it.each([400, 404, 429, 500, 503])(
    "returns %i as it is when the backend says no other backend would do better",
    async (status) => {
      const backends = [fakeBackend(0, final(status)), fakeBackend(1, 200)];
      const result = await forward(backends);
      expect(result.response.status).toBe(status);
      expect(await result.response.json()).toEqual({ from: 0 });
      expect(result.response.headers.has("x-zen-failover")).toBe(false);
      expect(backends[1]?.received).toHaveLength(0);
    },
  );

  it.each([500, 502, 503])(
    "fails over on a bare %i that no backend decided (a crash, a platform error)",
    async (status) => {
      const result = await forward([fakeBackend(0, status), fakeBackend(1, 200)]);
      expect(result.response.status).toBe(200);
    },
  );

  it.each([400, 401, 404, 413, 429])(
    "returns a bare %i as it is, without trying another backend",
    async (status) => {
      const backends = [fakeBackend(0, status), fakeBackend(1, 200)];
      const result = await forward(backends);
      expect(result.response.status).toBe(status);
      expect(backends[1]?.received).toHaveLength(0);
    },
  );

  it("returns the best failure by priority when every backend failed: 429 first, shortest Retry-After", async () => {
    const backends = [
      fakeBackend(0, mayHelp(503)),
      fakeBackend(1, mayHelp(429, { "retry-after": "300" })),
      fakeBackend(2, mayHelp(502)),
      fakeBackend(3, mayHelp(429, { "retry-after": "40" })),
    ];
    const result = await forward(backends);
    expect(result.response.status).toBe(429);
    expect(result.response.headers.get("retry-after")).toBe("40");
    expect(await result.response.json()).toEqual({ from: 3 });
    expect(result.backend).toBe(3);
    for (const backend of backends) expect(backend.received).toHaveLength(1);
  });

  it("prefers a key-rejected 502 to an overloaded 503", async () => {
    const result = await forward([fakeBackend(0, mayHelp(502)), fakeBackend(1, mayHelp(503))]);
    expect(result.response.status).toBe(502);
  });

  it("passes the overloaded budget spent so far on, and stops once two calls are spent", async () => {
    const backends = [
      fakeBackend(0, mayHelp(503, { "x-zen-overloaded-calls": "1" })),
      fakeBackend(1, mayHelp(503, { "x-zen-overloaded-calls": "2" })),
      fakeBackend(2, 200),
    ];
    const result = await forward(backends);
    expect(result.response.status).toBe(503);
    expect(result.response.headers.has("x-zen-overloaded-calls")).toBe(false);
    expect(backends[0]?.received[0]?.headers.get("x-zen-overloaded-calls")).toBe("0");
    expect(backends[1]?.received[0]?.headers.get("x-zen-overloaded-calls")).toBe("1");
    expect(backends[2]?.received).toHaveLength(0);
  });

  it("overwrites a budget header the client sent", async () => {
    const backend = fakeBackend(0, 200);
    await forwardWithFailover({
      request: new Request("https://orchestrator.example/v1/models", {
        headers: { "x-zen-overloaded-calls": "2" },
      }),
      body: null,
      backends: [backend],
    });
    expect(backend.received[0]?.headers.get("x-zen-overloaded-calls")).toBe("0");
  });

  it("answers 502 in OpenAI's shape when the last backend tried threw", async () => {
    const result = await forward([fakeBackend(0, "throw"), fakeBackend(1, "throw")]);
    expect(result.response.status).toBe(502);
    expect(result.backend).toBeNull();
    expect(await result.response.json()).toMatchObject({
      error: { type: "server_error", code: "backends_unavailable" },
    });
  });

  it("follows the weighted choice among the backends not yet tried", async () => {
    const backends = [
      fakeBackend(0, mayHelp(503), 1),
      fakeBackend(1, 200, 1),
      fakeBackend(2, mayHelp(503), 2),
    ];
    // 0.9 of the total: first the heavy backend 2, then (weights 1/1) backend 1.
    const result = await forwardWithFailover({
      request: chatRequest(),
      body,
      backends,
      random: () => 0.9,
    });
    expect(result.attempts).toEqual([
      { backend: 2, status: 503 },
      { backend: 1, status: 200 },
    ]);
    expect(backends[0]?.received).toHaveLength(0);
  });

  it("passes a streaming body through untouched, before the stream ends", async () => {
    let sendRest: () => void = () => {};
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encoder.encode("data: first\n\n"));
        sendRest = () => {
          controller.enqueue(encoder.encode("data: [DONE]\n\n"));
          controller.close();
        };
      },
    });
    const streaming = fakeBackend(0, () => new Response(stream, { status: 200 }));
    const result = await forward([streaming]);
    expect(result.response.body).toBe(stream);
    const reader = (result.response.body as ReadableStream<Uint8Array>).getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toBe("data: first\n\n");
    sendRest();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe("data: [DONE]\n\n");
  });

  it("sends no body for a GET", async () => {
    const backend = fakeBackend(0, 200);
    await forwardWithFailover({
      request: new Request("https://orchestrator.example/v1/models"),
      body: null,
      backends: [backend],
    });
    expect(backend.received[0]).toMatchObject({ method: "GET", body: "" });
  });

  it("fails over from a backend that sends no response headers within timeoutMs, aborting it", async () => {
    // The request itself is kept, as a real backend call in flight does (undici ties a
    // Request's signal to the Request's own lifetime).
    let hung: Request | undefined;
    const hanging = fakeBackend(0, () => new Response("never"));
    hanging.backend.fetch = (request: Request) => {
      hung = request;
      return new Promise<Response>(() => {});
    };
    const result = await forwardWithFailover({
      request: chatRequest(),
      body,
      backends: [hanging, fakeBackend(1, 200)],
      random: firstRemaining,
      timeoutMs: 50,
    });
    expect(result.response.status).toBe(200);
    expect(result.attempts).toEqual([
      {
        backend: 0,
        error: "BackendTimeoutError: no response headers within 0.05 s (BACKEND_TIMEOUT_S)",
      },
      { backend: 1, status: 200 },
    ]);
    expect(hung?.signal.aborted).toBe(true);
  });

  it("passes the client's signal to the backend and tries no other backend once it fired", async () => {
    const client = new AbortController();
    let seen: Request | undefined;
    const first = fakeBackend(0, 200);
    first.backend.fetch = (request: Request) => {
      seen = request;
      client.abort();
      return Promise.reject(new DOMException("aborted", "AbortError"));
    };
    const second = fakeBackend(1, 200);
    const result = await forwardWithFailover({
      request: chatRequest(),
      body,
      backends: [first, second],
      random: firstRemaining,
      signal: client.signal,
    });
    expect(seen?.signal.aborted).toBe(true);
    expect(result.response.status).toBe(499);
    expect(second.received).toHaveLength(0);
  });
});
