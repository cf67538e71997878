import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import orchestrator from "../../../orchestrator/src/index.ts";
import { fakeBackend } from "./fake-backends.ts";

const PASS = "test-orchestrator-pass";
const url = (path: string) => `https://orchestrator.example${path}`;

function environment(extra: Record<string, unknown> = {}) {
  const backends = [fakeBackend(0, 200), fakeBackend(1, 200)];
  const env: Record<string, unknown> = {
    PASS,
    BACKEND_SERVICE_0: backends[0]?.backend,
    BACKEND_SERVICE_1: backends[1]?.backend,
    BACKEND_WEIGHTS: '{"BACKEND_SERVICE_0":2,"BACKEND_SERVICE_1":1}',
    ...extra,
  };
  const received = () => backends.reduce((sum, backend) => sum + backend.received.length, 0);
  return { env, backends, received };
}

const authorized = { authorization: `Bearer ${PASS}` };

// One log line per request is the orchestrator's job; keep it out of the test output.
let log: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  log = vi.spyOn(console, "log").mockImplementation(() => {});
});
afterEach(() => vi.restoreAllMocks());

describe("the orchestrator entry point", () => {
  it("reports backends and weights on GET /health without auth and without key material", async () => {
    const { env, received } = environment();
    const response = await orchestrator.fetch(new Request(url("/health")), env);
    expect(response.status).toBe(200);
    const report = await response.json();
    expect(report).toEqual({
      status: "ok",
      backends: 2,
      weights: { BACKEND_SERVICE_0: 2, BACKEND_SERVICE_1: 1 },
    });
    expect(JSON.stringify(report)).not.toContain(PASS);
    expect(received()).toBe(0);
  });

  it("answers 401 in OpenAI's shape for a wrong bearer without calling a backend", async () => {
    const { env, received } = environment();
    const response = await orchestrator.fetch(
      new Request(url("/v1/models"), { headers: { authorization: "Bearer wrong" } }),
      env,
    );
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: { type: "authentication_error" } });
    expect(received()).toBe(0);
  });

  it("takes PASS as x-api-key (Anthropic's clients) and forwards the request", async () => {
    const { env, received } = environment();
    const response = await orchestrator.fetch(
      new Request(url("/v1/messages"), {
        method: "POST",
        headers: { "x-api-key": PASS },
        body: "{}",
      }),
      env,
    );
    expect(response.status).toBe(200);
    expect(received()).toBe(1);
  });

  it("answers a wrong x-api-key on /v1/messages with 401 in Anthropic's shape", async () => {
    const { env, received } = environment();
    const response = await orchestrator.fetch(
      new Request(url("/v1/messages"), {
        method: "POST",
        headers: { "x-api-key": "wrong" },
        body: "{}",
      }),
      env,
    );
    expect(response.status).toBe(401);
    expect(response.headers.get("request-id")).toBe(response.headers.get("x-request-id"));
    expect(await response.json()).toMatchObject({
      type: "error",
      error: { type: "authentication_error" },
    });
    expect(received()).toBe(0);
  });

  it("forwards a request with the right bearer to a backend", async () => {
    const { env, received } = environment();
    const response = await orchestrator.fetch(
      new Request(url("/v1/models"), { headers: authorized }),
      env,
    );
    expect(response.status).toBe(200);
    expect(received()).toBe(1);
  });

  it("answers CORS preflights itself: no bearer, no backend, the body never read", async () => {
    const { env, received } = environment();
    let bodyRead = false;
    // Pulled only when someone reads it (no read-ahead with a high-water mark of 0).
    const body = new ReadableStream<Uint8Array>(
      {
        pull() {
          bodyRead = true;
        },
      },
      { highWaterMark: 0 },
    );
    const response = await orchestrator.fetch(
      new Request(url("/v1/chat/completions"), {
        method: "OPTIONS",
        headers: {
          origin: "https://app.example",
          "access-control-request-method": "POST",
          "access-control-request-headers":
            "authorization, content-type, user-agent, x-stainless-os",
        },
        body,
        duplex: "half",
      } as RequestInit),
      env,
    );
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    const allowed = (response.headers.get("access-control-allow-headers") ?? "").toLowerCase();
    for (const header of [
      "authorization",
      "user-agent",
      "x-goog-api-key",
      "x-goog-api-client",
      "x-api-key",
      "anthropic-version",
      "anthropic-beta",
      "anthropic-dangerous-direct-browser-access",
      "x-goog-upload-protocol",
      "x-goog-upload-command",
      "x-goog-upload-offset",
    ]) {
      expect(allowed.split(", ")).toContain(header);
    }
    // Files and caches from a browser: delete, update, and the upload URL readable.
    const methods = response.headers.get("access-control-allow-methods") ?? "";
    expect(methods.split(", ")).toEqual(expect.arrayContaining(["PATCH", "DELETE"]));
    expect(received()).toBe(0);
    expect(bodyRead).toBe(false);
  });

  it("lets its own CORS_ORIGINS decide what browsers may read, whatever the backend said", async () => {
    const { env } = environment({ CORS_ORIGINS: "https://app.example" });
    for (const backend of [env.BACKEND_SERVICE_0, env.BACKEND_SERVICE_1] as {
      fetch: (request: Request) => Promise<Response>;
    }[]) {
      backend.fetch = async (request) =>
        Response.json(
          { ok: true },
          {
            headers: {
              "access-control-allow-origin": "*",
              "x-request-id": request.headers.get("x-request-id") ?? "",
            },
          },
        );
    }
    const ask = (origin: string) =>
      orchestrator.fetch(
        new Request(url("/v1/models"), { headers: { ...authorized, origin } }),
        env,
      );
    const listed = await ask("https://app.example");
    expect(listed.headers.get("access-control-allow-origin")).toBe("https://app.example");
    expect(listed.headers.get("vary")).toContain("Origin");
    const other = await ask("https://evil.example");
    expect(other.headers.get("access-control-allow-origin")).toBeNull();
    const preflight = await orchestrator.fetch(
      new Request(url("/v1/models"), {
        method: "OPTIONS",
        headers: { origin: "https://evil.example", "access-control-request-method": "GET" },
      }),
      env,
    );
    expect(preflight.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("answers 503 in OpenAI's shape when no backend is configured", async () => {
    const response = await orchestrator.fetch(
      new Request(url("/v1/models"), { headers: authorized }),
      { PASS },
    );
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({
      error: { type: "server_error", code: "no_backends_configured" },
    });
  });

  it("answers 413 for a body over the limit by its Content-Length, before any backend", async () => {
    const { env, received } = environment();
    const response = await orchestrator.fetch(
      new Request(url("/v1/embeddings"), {
        method: "POST",
        body: "{}",
        headers: { ...authorized, "content-length": String(26 * 1024 * 1024) },
      }),
      env,
    );
    expect(response.status).toBe(413);
    expect(received()).toBe(0);
  });

  it("passes the client's x-request-id to the backend and back", async () => {
    const { env, backends } = environment();
    const response = await orchestrator.fetch(
      new Request(url("/v1/models"), { headers: { ...authorized, "x-request-id": "client-id-7" } }),
      env,
    );
    expect(response.headers.get("x-request-id")).toBe("client-id-7");
    const seen = backends.flatMap((backend) => backend.received)[0];
    expect(seen?.headers.get("x-request-id")).toBe("client-id-7");
  });

  it("generates a request id when the client sent none, and logs one JSON line naming the attempts", async () => {
    const { env } = environment({ BACKEND_SERVICE_0: fakeBackend(0, "throw").backend });
    const response = await orchestrator.fetch(
      new Request(url("/v1/models"), { headers: authorized }),
      env,
    );
    const requestId = response.headers.get("x-request-id") ?? "";
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.status).toBe(200);
    const line = JSON.parse(String(log.mock.calls.at(-1)?.[0]));
    expect(line).toMatchObject({ requestId, status: 200, backend: 1, path: "/v1/models" });
    expect(line.attempts.at(-1)).toEqual({ backend: 1, status: 200 });
    expect(typeof line.durationMs).toBe("number");
    expect(JSON.stringify(line)).not.toContain(PASS);
  });

  it("warns once per environment when BACKEND_WEIGHTS is invalid JSON, then chooses uniformly", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const { env } = environment({ BACKEND_WEIGHTS: "{broken" });
    for (let round = 0; round < 3; round++) {
      await orchestrator.fetch(new Request(url("/v1/models"), { headers: authorized }), env);
    }
    expect(warn).toHaveBeenCalledTimes(1);
    const health = await orchestrator.fetch(new Request(url("/health")), env);
    expect(await health.json()).toMatchObject({
      weights: { BACKEND_SERVICE_0: 1, BACKEND_SERVICE_1: 1 },
    });
  });

  it("hands on a 1 MB image chat without reading it as text or JSON, and replays the same bytes", async () => {
    const { env, backends } = environment({
      BACKEND_SERVICE_0: fakeBackend(0, { status: 503, failover: "another-backend" }).backend,
    });
    const image = Buffer.alloc(1024 * 1024, 7).toString("base64");
    const body = JSON.stringify({
      model: "gemini-2.5-flash",
      messages: [
        {
          role: "user",
          content: [{ type: "image_url", image_url: { url: `data:image/png;base64,${image}` } }],
        },
      ],
    });
    class OpaqueRequest extends Request {
      override json(): Promise<never> {
        throw new Error("the orchestrator asked for the body as JSON");
      }
      override text(): Promise<never> {
        throw new Error("the orchestrator asked for the body as text");
      }
    }
    const parse = vi.spyOn(JSON, "parse");
    const response = await orchestrator.fetch(
      new OpaqueRequest(url("/v1/chat/completions"), {
        method: "POST",
        headers: { ...authorized, "content-type": "application/json" },
        body,
      }),
      env,
    );
    expect(response.status).toBe(200);
    // (Its own small JSON, BACKEND_WEIGHTS, is parsed; nothing the size of the body is.)
    const parsedLengths = parse.mock.calls.map(([text]) => String(text).length);
    expect(Math.max(0, ...parsedLengths)).toBeLessThan(1000);
    expect(backends[1]?.received[0]?.body).toBe(body);
  });
});
