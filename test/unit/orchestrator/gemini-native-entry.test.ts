import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import orchestrator from "../../../orchestrator/src/index.ts";
import { fakeBackend } from "./fake-backends.ts";

/** The orchestrator in front of native Gemini clients: their ways to send the PASS, their error shape. */
const PASS = "test-orchestrator-pass";
const url = (path: string) => `https://orchestrator.example${path}`;
const GENERATE = "/v1beta/models/gemini-2.5-flash:generateContent";

function environment() {
  const backend = fakeBackend(0, 200);
  return { env: { PASS, BACKEND_SERVICE_0: backend.backend }, backend };
}

/** A request whose body can be read only as bytes: asking for JSON or text throws. */
class UnparsableRequest extends Request {
  override json(): Promise<never> {
    throw new Error("the orchestrator asked for the body as JSON");
  }
  override text(): Promise<never> {
    throw new Error("the orchestrator asked for the body as text");
  }
}

beforeEach(() => {
  vi.spyOn(console, "log").mockImplementation(() => {});
});
afterEach(() => vi.restoreAllMocks());

describe("the orchestrator for the native Gemini API", () => {
  it.each([
    ["x-goog-api-key", GENERATE, { "x-goog-api-key": PASS }],
    ["?key=", `${GENERATE}?key=${PASS}`, {}],
    ["a bearer token", GENERATE, { authorization: `Bearer ${PASS}` }],
  ])("accepts the PASS as %s", async (_label, path, headers) => {
    const { env, backend } = environment();
    const response = await orchestrator.fetch(
      new Request(url(path), { method: "POST", headers, body: "{}" }),
      env,
    );
    expect(response.status).toBe(200);
    expect(backend.received).toHaveLength(1);
  });

  it.each([
    ["a wrong x-goog-api-key", GENERATE, { "x-goog-api-key": "wrong" }],
    ["a wrong ?key=", `${GENERATE}?key=wrong`, {}],
    ["no key", GENERATE, {}],
    ["a wrong key on GET /v1/models", "/v1/models", { "x-goog-api-key": "wrong" }],
  ])("answers 401 in Gemini's shape for %s, calling no backend", async (_label, path, headers) => {
    const { env, backend } = environment();
    const response = await orchestrator.fetch(new Request(url(path), { headers }), env);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      error: { code: 401, message: expect.any(String), status: "UNAUTHENTICATED" },
    });
    expect(backend.received).toHaveLength(0);
  });

  it("still answers a bearer GET /v1/models failure in OpenAI's shape", async () => {
    const { env } = environment();
    const response = await orchestrator.fetch(
      new Request(url("/v1/models"), { headers: { authorization: "Bearer wrong" } }),
      env,
    );
    expect(await response.json()).toMatchObject({ error: { type: "authentication_error" } });
  });

  it("answers 503 in Gemini's shape when it has no backend", async () => {
    const response = await orchestrator.fetch(
      new Request(url(GENERATE), { method: "POST", headers: { "x-goog-api-key": PASS } }),
      { PASS },
    );
    expect(response.status).toBe(503);
    expect(((await response.json()) as { error: { status: string } }).error.status).toBe(
      "UNAVAILABLE",
    );
  });

  it("answers 502 in Gemini's shape when every backend threw", async () => {
    const broken = fakeBackend(0, "throw");
    const response = await orchestrator.fetch(
      new Request(url(GENERATE), { method: "POST", headers: { "x-goog-api-key": PASS } }),
      { PASS, BACKEND_SERVICE_0: broken.backend },
    );
    expect(response.status).toBe(502);
    expect(await response.json()).toMatchObject({ error: { code: 502, status: "UNAVAILABLE" } });
  });

  it("never parses a 1 MB body as JSON, and hands the backend the very bytes the client sent", async () => {
    const { env, backend } = environment();
    const text = "Lorem ipsum dolor sit amet, ".repeat(40_000);
    const body = JSON.stringify({ contents: [{ role: "user", parts: [{ text }] }] });
    expect(body.length).toBeGreaterThan(1_000_000);
    const parse = vi.spyOn(JSON, "parse");
    const response = await orchestrator.fetch(
      new UnparsableRequest(url(GENERATE), {
        method: "POST",
        headers: { "x-goog-api-key": PASS, "content-type": "application/json" },
        body,
      }),
      env,
    );
    expect(response.status).toBe(200);
    expect(parse).not.toHaveBeenCalled();
    expect(backend.received[0]?.body).toBe(body);
  });
});
