import OpenAI, { type APIError } from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postOversized } from "../support/oversized-post.ts";
import { type RunningWorkers, startWorkers } from "../support/workerd.ts";

/**
 * The orchestrator in workerd in front of small inline backends (no Gemini involved): routing,
 * failover on a throwing backend, its own auth and its own errors. Each backend answers with its
 * name and counts what it saw (GET /count), so "never reached a backend" can be proved.
 */
const PASS = "test-orchestrator-pass";

const countingBackend = (name: string) => `
let seen = 0;
export default {
  async fetch(request) {
    const path = new URL(request.url).pathname;
    if (path === "/count") return Response.json({ seen });
    seen++;
    if (request.method === "OPTIONS") {
      return new Response(null, { status: 204, headers: { "access-control-allow-origin": "*" } });
    }
    const body = request.method === "POST" ? await request.text() : "";
    return Response.json({
      backend: ${JSON.stringify(name)},
      path,
      body,
      requestId: request.headers.get("x-request-id"),
      authorization: request.headers.get("authorization"),
    });
  },
};`;

const BROKEN = "export default { fetch() { throw new Error('boom') } }";

let workers: RunningWorkers;
let empty: RunningWorkers;

/** What the counting backends saw so far, read through their own bindings. */
async function backendHits(): Promise<number> {
  let total = 0;
  for (const name of ["ok0", "ok2"]) {
    const worker = await workers.miniflare.getWorker(name);
    const response = await worker.fetch("http://backend/count");
    total += ((await response.json()) as { seen: number }).seen;
  }
  return total;
}

beforeAll(async () => {
  [workers, empty] = await Promise.all([
    startWorkers([
      {
        name: "orchestrator",
        entry: "orchestrator/src/index.ts",
        bindings: {
          PASS,
          BACKEND_WEIGHTS: JSON.stringify({
            BACKEND_SERVICE_0: 1,
            BACKEND_SERVICE_1: 1,
            BACKEND_SERVICE_2: 1,
          }),
        },
        serviceBindings: {
          BACKEND_SERVICE_0: "ok0",
          BACKEND_SERVICE_1: "broken",
          BACKEND_SERVICE_2: "ok2",
        },
      },
      { name: "ok0", script: countingBackend("ok0") },
      { name: "broken", script: BROKEN },
      { name: "ok2", script: countingBackend("ok2") },
    ]),
    startWorkers([
      { name: "orchestrator", entry: "orchestrator/src/index.ts", bindings: { PASS } },
    ]),
  ]);
});
afterAll(async () => {
  await Promise.all([workers?.dispose(), empty?.dispose()]);
});

const post = (path: string, body: string, headers: Record<string, string> = {}) =>
  fetch(`${workers.url}${path}`, {
    method: "POST",
    body,
    headers: { authorization: `Bearer ${PASS}`, "content-type": "application/json", ...headers },
  });

describe("the orchestrator in workerd", () => {
  it("never shows the client a broken backend: every request is answered by a working one", async () => {
    const answers = await Promise.all(
      Array.from({ length: 60 }, (_, index) => post("/v1/embeddings", `{"n":${index}}`)),
    );
    const payloads = await Promise.all(
      answers.map(async (answer) => {
        expect(answer.status).toBe(200);
        return (await answer.json()) as { backend: string; body: string };
      }),
    );
    expect(new Set(payloads.map((payload) => payload.backend))).toEqual(new Set(["ok0", "ok2"]));
    // The replayed body arrives intact even after a failover.
    payloads.forEach((payload, index) => {
      expect(payload.body).toBe(`{"n":${index}}`);
    });
  });

  it("passes the request id through and the bearer on to the backend", async () => {
    const answer = await post("/v1/embeddings", "{}", { "x-request-id": "trace-42" });
    expect(answer.headers.get("x-request-id")).toBe("trace-42");
    expect(await answer.json()).toMatchObject({
      requestId: "trace-42",
      authorization: `Bearer ${PASS}`,
    });
  });

  it("answers a wrong bearer with 401 itself, without reaching any backend", async () => {
    const before = await backendHits();
    const client = new OpenAI({ baseURL: `${workers.url}/v1`, apiKey: "wrong", maxRetries: 0 });
    const error = await client.models.list().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.AuthenticationError);
    const missing = await fetch(`${workers.url}/v1/models`);
    expect(missing.status).toBe(401);
    expect(await backendHits()).toBe(before);
  });

  it("answers a CORS preflight itself, without a bearer and without asking a backend", async () => {
    const before = await backendHits();
    const answer = await fetch(`${workers.url}/v1/chat/completions`, {
      method: "OPTIONS",
      headers: {
        origin: "https://app.example",
        "access-control-request-method": "POST",
        "access-control-request-headers": "authorization, content-type, user-agent",
      },
    });
    expect(answer.status).toBe(204);
    expect(answer.headers.get("access-control-allow-origin")).toBe("*");
    expect(answer.headers.get("access-control-allow-headers")).toContain("User-Agent");
    expect(await backendHits()).toBe(before);
  });

  it("reports its backends and weights on /health without auth", async () => {
    const answer = await fetch(`${workers.url}/health`);
    expect(await answer.json()).toMatchObject({
      status: "ok",
      backends: 3,
      weights: { BACKEND_SERVICE_0: 1, BACKEND_SERVICE_1: 1, BACKEND_SERVICE_2: 1 },
    });
  });

  it("refuses a body declared over 25 MiB with 413 in OpenAI's shape, before it is sent", async () => {
    // Only the headers and a first kilobyte are sent: the answer must not wait for the rest.
    const { status, body } = await postOversized(
      `${workers.url}/v1/embeddings`,
      { authorization: `Bearer ${PASS}`, "content-type": "application/json" },
      30 * 1024 * 1024,
    );
    expect(status).toBe(413);
    expect(JSON.parse(body)).toMatchObject({ error: { code: "payload_too_large" } });
  });

  it("answers 503 in OpenAI's shape when it has no backends", async () => {
    const client = new OpenAI({ baseURL: `${empty.url}/v1`, apiKey: PASS, maxRetries: 0 });
    const error = await client.models.list().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect((error as APIError).status).toBe(503);
    expect((error as APIError).error).toMatchObject({ code: "no_backends_configured" });
  });
});
