import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import hostile from "../fixtures/hostile-model-names.json" with { type: "json" };
import { postOversized } from "../support/oversized-post.ts";
import { PASS, shardKeys, startTopology, type Topology } from "../support/topology.ts";

/**
 * The native Gemini surface spoken as plain REST through the whole topology: what Google's SDK
 * does not exercise (embedContent, the JSON-array stream, the ways to pass a key, the errors).
 */
let topology: Topology;
const MODEL = "gemini-2.5-flash";
const GENERATE = { contents: [{ role: "user", parts: [{ text: "Say hello" }] }] };

beforeAll(async () => {
  topology = await startTopology({ shards: shardKeys([3, 3]) });
});
afterAll(() => topology.close());
afterEach(() => topology.emulator.reset());

const json = { "content-type": "application/json" };
const withKey = { ...json, "x-goog-api-key": PASS };

function post(path: string, body: unknown, headers: Record<string, string> = withKey) {
  return fetch(`${topology.url}${path}`, {
    method: "POST",
    headers,
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

/** Sends the same request straight to the emulator with one of its keys: what Gemini itself says. */
function direct(path: string, body: unknown) {
  return fetch(`${topology.emulator.url}${path}`, {
    method: "POST",
    headers: { ...json, "x-goog-api-key": topology.shards[0]?.[0] ?? "" },
    body: JSON.stringify(body),
  });
}

/** Gemini's text with its per-answer random `responseId` values blanked, to compare two answers. */
const sameExceptIds = (text: string) => text.replace(/"responseId": ?"[^"]*"/g, '"responseId":""');

async function geminiError(response: Response) {
  const body = (await response.json()) as {
    error: { code: number; message: string; status: string };
  };
  expect(Object.keys(body.error).sort()).toEqual(
    expect.arrayContaining(["code", "message", "status"]),
  );
  expect(body.error.code).toBe(response.status);
  return body.error;
}

/** Every broken key but one per backend gives an error before the first event. */
function breakStreamsOnMostKeys(kind: "error-in-stream" | "cut-stream", afterChunks = 0) {
  for (const keys of topology.shards) {
    for (const key of keys.slice(1)) topology.emulator.setKeyBehavior(key, { kind, afterChunks });
  }
}

describe("the native surface, request by request", () => {
  it("answers embedContent as Gemini does", async () => {
    const body = { content: { parts: [{ text: "embed me" }] } };
    const path = "/v1beta/models/gemini-embedding-001:embedContent";
    const response = await post(path, body);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(await (await direct(path, body)).json());
  });

  it("streams a JSON array without alt=sse, byte for byte as Gemini sends it", async () => {
    const path = `/v1beta/models/${MODEL}:streamGenerateContent`;
    const response = await post(path, GENERATE);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("application/json");
    const text = await response.text();
    expect(sameExceptIds(text)).toBe(sameExceptIds(await (await direct(path, GENERATE)).text()));
    expect((JSON.parse(text) as unknown[]).length).toBeGreaterThan(1);
  });

  it("streams SSE with alt=sse, byte for byte as Gemini sends it", async () => {
    const path = `/v1beta/models/${MODEL}:streamGenerateContent?alt=sse`;
    const response = await post(path, GENERATE);
    expect(response.headers.get("content-type")).toContain("text/event-stream");
    const text = await response.text();
    expect(sameExceptIds(text)).toBe(sameExceptIds(await (await direct(path, GENERATE)).text()));
  });

  it("passes fields it does not know on to Gemini (whose own 400 then names them)", async () => {
    const response = await post(`/v1beta/models/${MODEL}:generateContent`, {
      ...GENERATE,
      futureField: { anything: 1 },
    });
    expect(response.status).toBe(400);
    const error = await geminiError(response);
    expect(error.status).toBe("INVALID_ARGUMENT");
    expect(error.message).toContain("futureField");
    expect(topology.emulator.requests()[0]?.body).toMatchObject({ futureField: { anything: 1 } });
  });

  for (const framing of ["sse", "json-array"] as const) {
    const path = `/v1beta/models/${MODEL}:streamGenerateContent${framing === "sse" ? "?alt=sse" : ""}`;
    for (const kind of ["error-in-stream", "cut-stream"] as const) {
      it(`fails over to another key when a ${framing} stream gives ${kind} before its first event`, async () => {
        breakStreamsOnMostKeys(kind);
        for (let round = 0; round < 6; round++) {
          const response = await post(path, GENERATE);
          expect(response.status).toBe(200);
          const text = await response.text();
          expect(text).not.toContain('"error"');
          expect(text).toContain("hello");
        }
      });
    }
  }

  it("ends an SSE stream that fails after its first event with Gemini's error event", async () => {
    breakStreamsOnMostKeys("error-in-stream", 1);
    for (const keys of topology.shards) {
      topology.emulator.setKeyBehavior(keys[0] ?? "", { kind: "error-in-stream", afterChunks: 1 });
    }
    const response = await post(`/v1beta/models/${MODEL}:streamGenerateContent?alt=sse`, GENERATE);
    expect(response.status).toBe(200);
    const events = (await response.text()).split(/\r?\n\r?\n/).filter(Boolean);
    expect(events[0]).toContain("candidates");
    expect(events.at(-2)).toContain('"status":"INTERNAL"');
    // No finish reason came: the comment that makes the legacy SDK fail too.
    expect(events.at(-1)).toBe(": the answer is incomplete");
  });

  it("reports a connection cut after the first event as an error event, never a clean end", async () => {
    breakStreamsOnMostKeys("cut-stream", 1);
    for (const keys of topology.shards) {
      topology.emulator.setKeyBehavior(keys[0] ?? "", { kind: "cut-stream", afterChunks: 1 });
    }
    const response = await post(`/v1beta/models/${MODEL}:streamGenerateContent?alt=sse`, GENERATE);
    const text = await response.text();
    expect(text).toContain("candidates");
    // Gemini's error event, then a comment the legacy SDK fails on (it reads error events quietly).
    const events = text.trim().split(/\r?\n\r?\n/);
    expect(events.at(-2)).toContain('"status":"UNAVAILABLE"');
    expect(events.at(-1)).toBe(": the answer is incomplete");
  });
});

describe("authentication", () => {
  const path = `/v1beta/models/${MODEL}:generateContent`;

  it.each([
    ["x-goog-api-key", path, { ...json, "x-goog-api-key": PASS }],
    ["?key=", `${path}?key=${PASS}`, json],
    ["Authorization: Bearer", path, { ...json, authorization: `Bearer ${PASS}` }],
  ])("accepts the PASS as %s and never forwards it", async (_label, url, headers) => {
    const response = await post(url, GENERATE, headers);
    expect(response.status).toBe(200);
    const [request] = topology.emulator.requests();
    expect(request?.path).toBe(path);
    expect(topology.shards.flat()).toContain(request?.key);
    expect(JSON.stringify(request)).not.toContain(PASS);
  });

  it.each([
    ["a wrong x-goog-api-key", path, { ...json, "x-goog-api-key": "wrong" }],
    ["a wrong ?key=", `${path}?key=wrong`, json],
    ["a wrong bearer", path, { ...json, authorization: "Bearer wrong" }],
    ["no key", path, json],
  ])("answers 401 UNAUTHENTICATED in Gemini's shape for %s", async (_label, url, headers) => {
    const response = await post(url, GENERATE, headers);
    expect(response.status).toBe(401);
    expect((await geminiError(response)).status).toBe("UNAUTHENTICATED");
    expect(topology.emulator.requests()).toEqual([]);
  });

  it("checks the PASS at the backend too (a backend reached without the orchestrator)", async () => {
    const backend = await topology.workers.miniflare.getWorker("b0");
    const response = await backend.fetch(`http://backend${path}`, {
      method: "POST",
      headers: { ...json, "x-goog-api-key": "wrong" },
      body: JSON.stringify(GENERATE),
    });
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: { status: string } }).error.status).toBe(
      "UNAUTHENTICATED",
    );
  });
});

describe("CORS for browser clients of the native API", () => {
  it("allows the headers @google/genai sends, in a preflight and on the answer", async () => {
    const origin = "https://app.example";
    const preflight = await fetch(`${topology.url}/v1beta/models/${MODEL}:generateContent`, {
      method: "OPTIONS",
      headers: {
        origin,
        "access-control-request-method": "POST",
        "access-control-request-headers": "content-type,x-goog-api-key,x-goog-api-client",
      },
    });
    expect(preflight.status).toBeLessThan(300);
    const allowed = (preflight.headers.get("access-control-allow-headers") ?? "").toLowerCase();
    for (const header of ["x-goog-api-key", "x-goog-api-client", "content-type"]) {
      expect(allowed).toContain(header);
    }
    const answer = await fetch(`${topology.url}/v1beta/models/${MODEL}:countTokens`, {
      method: "POST",
      headers: { ...withKey, origin },
      body: JSON.stringify(GENERATE),
    });
    expect(answer.status).toBe(200);
    expect(answer.headers.get("access-control-allow-origin")).toBe("*");
    const refused = await post(`/v1beta/models/${MODEL}:countTokens`, GENERATE, {
      ...json,
      origin,
      "x-goog-api-key": "wrong",
    });
    expect(refused.status).toBe(401);
    expect(refused.headers.get("access-control-allow-origin")).toBe("*");
  });
});

describe("GET /v1/models, shared with the OpenAI surface", () => {
  it("answers Gemini's list to x-goog-api-key and ?key=", async () => {
    for (const [url, headers] of [
      ["/v1/models", { "x-goog-api-key": PASS }],
      [`/v1/models?key=${PASS}`, {}],
    ] as const) {
      const response = await fetch(`${topology.url}${url}`, { headers });
      const body = (await response.json()) as { models: { name: string }[] };
      // gemini-2.5-flash is retired (answered by another model), so no longer listed.
      expect(body.models.map((model) => model.name)).toContain("models/gemini-3.8-flash");
    }
  });

  it("answers OpenAI's list to a bearer token", async () => {
    const response = await fetch(`${topology.url}/v1/models`, {
      headers: { authorization: `Bearer ${PASS}` },
    });
    const body = (await response.json()) as { object: string; data: { id: string }[] };
    expect(body.object).toBe("list");
    expect(body.data.map((model) => model.id)).toContain("gemini-3.8-flash");
  });

  it("pages as Gemini pages: pageSize and pageToken go through", async () => {
    topology.emulator.setOptions({ modelsPageSize: 2 });
    try {
      const first = await fetch(`${topology.url}/v1beta/models?pageSize=2`, { headers: withKey });
      const page = (await first.json()) as { models: unknown[]; nextPageToken: string };
      expect(page.models).toHaveLength(2);
      const second = await fetch(
        `${topology.url}/v1beta/models?pageSize=2&pageToken=${encodeURIComponent(page.nextPageToken)}`,
        { headers: withKey },
      );
      expect(((await second.json()) as { models: unknown[] }).models).toHaveLength(2);
      expect(topology.emulator.requests().map((request) => request.path)).toEqual([
        "/v1beta/models?pageSize=2",
        `/v1beta/models?pageSize=2&pageToken=${page.nextPageToken}`,
      ]);
    } finally {
      topology.emulator.setOptions({ modelsPageSize: undefined });
    }
  });

  it("answers a Gemini 404 for an unknown model", async () => {
    const response = await fetch(`${topology.url}/v1beta/models/gemini-0-unknown`, {
      headers: withKey,
    });
    expect(response.status).toBe(404);
    expect((await geminiError(response)).status).toBe("NOT_FOUND");
  });
});

describe("what the gateway does not serve, and bad input", () => {
  it.each([
    // Files, cached contents (test/integration/stateful-files-caches.test.ts), batches and File
    // Search stores (stateful-batches-stores.test.ts) are served.
    ["GET", "/v1beta/tunedModels/my-model"],
    ["GET", "/v1beta/corpora"],
    ["GET", "/v1beta/generatedFiles"],
    ["POST", "/v1/tunedModels"],
  ])("answers %s %s with a Gemini-shaped 501 naming why", async (method, path) => {
    const response = await fetch(`${topology.url}${path}`, {
      method,
      headers: withKey,
      body: method === "POST" ? "{}" : undefined,
    });
    expect(response.status).toBe(501);
    const error = await geminiError(response);
    expect(error.status).toBe("UNIMPLEMENTED");
    expect(error.message).toMatch(/project of one API key/);
    expect(topology.emulator.requests()).toEqual([]);
  });

  it("answers an unknown method or route with a Gemini-shaped 404", async () => {
    for (const path of [`/v1beta/models/${MODEL}:predictLongRunning`, "/v1beta/nothing"]) {
      const response = await post(path, {});
      expect(response.status, path).toBe(404);
      expect((await geminiError(response)).status).toBe("NOT_FOUND");
    }
  });

  it.each([
    ["an empty body", ""],
    ["invalid JSON", "{"],
    ["a JSON array", "[]"],
    ["a JSON string", '"hi"'],
  ])("answers 400 INVALID_ARGUMENT for %s, calling no upstream", async (_label, body) => {
    const response = await post(`/v1beta/models/${MODEL}:generateContent`, body);
    expect(response.status).toBe(400);
    expect((await geminiError(response)).status).toBe("INVALID_ARGUMENT");
    expect(topology.emulator.requests()).toEqual([]);
  });

  it("refuses an oversized body with a Gemini-shaped 413", async () => {
    const answer = await postOversized(
      `${topology.url}/v1beta/models/${MODEL}:generateContent`,
      withKey,
      30 * 1024 * 1024,
    );
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body).error).toMatchObject({ code: 413, status: "INVALID_ARGUMENT" });
  });
});

// The pool remembers rejected and rate-limited keys for the isolate's life: each of these tests
// gets a topology of its own, so what it breaks stays broken for nobody else.
describe("when every key fails", () => {
  let fresh: Topology;
  beforeEach(async () => {
    fresh = await startTopology({ shards: shardKeys([2, 2]) });
  });
  afterEach(() => fresh.close());

  const postTo = (target: Topology, path: string, body: unknown) =>
    fetch(`${target.url}${path}`, { method: "POST", headers: withKey, body: JSON.stringify(body) });

  it("redacts key values from Gemini's error messages", async () => {
    for (const key of fresh.shards.flat()) {
      fresh.emulator.setKeyBehavior(key, { kind: "suspended" });
    }
    const response = await postTo(fresh, `/v1beta/models/${MODEL}:generateContent`, GENERATE);
    expect(response.status).toBe(502);
    const text = JSON.stringify(await geminiError(response));
    expect(text).toContain("suspended");
    for (const key of fresh.shards.flat()) expect(text).not.toContain(key);
  });

  it("answers 429 RESOURCE_EXHAUSTED with Retry-After and a RetryInfo when every key is rate-limited", async () => {
    for (const key of fresh.shards.flat()) {
      fresh.emulator.setKeyBehavior(key, { kind: "rate-limit", retryDelaySeconds: 7 });
    }
    const response = await postTo(fresh, `/v1beta/models/${MODEL}:generateContent`, GENERATE);
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("7");
    const body = (await response.json()) as { error: { status: string; details: unknown[] } };
    expect(body.error.status).toBe("RESOURCE_EXHAUSTED");
    expect(body.error.details).toContainEqual(expect.objectContaining({ retryDelay: "7s" }));
  });
});

describe("the {model} path parameter never steers the upstream URL", () => {
  it.each(hostile.names)(
    "answers %j with a Gemini-shaped 4xx, calling no upstream",
    async (name) => {
      topology.emulator.reset();
      const body = JSON.stringify(GENERATE);
      const requests: [string, RequestInit][] = [];
      // Percent-encoded, and as written whenever a URL parser keeps it one path segment.
      for (const segment of new Set([encodeURIComponent(name), name])) {
        const url = new URL(`http://host/v1beta/models/${segment}:generateContent`);
        const kept = url.pathname === `/v1beta/models/${segment}:generateContent`;
        if (!kept || url.search !== "" || url.hash !== "") continue;
        requests.push(
          [`/v1beta/models/${segment}:generateContent`, { method: "POST", body }],
          [`/v1beta/models/${segment}:streamGenerateContent?alt=sse`, { method: "POST", body }],
          [`/v1/models/${segment}:countTokens`, { method: "POST", body }],
          [`/v1beta/models/${segment}`, { method: "GET" }],
        );
      }
      expect(requests.length).toBeGreaterThan(0);
      for (const [path, init] of requests) {
        const response = await fetch(`${topology.url}${path}`, { ...init, headers: withKey });
        const text = await response.text();
        expect(response.status, `${path}: ${text}`).toBeGreaterThanOrEqual(400);
        expect(response.status, `${path}: ${text}`).toBeLessThan(500);
        expect(JSON.parse(text).error.status, path).toMatch(/INVALID_ARGUMENT|NOT_FOUND/);
      }
      expect(topology.emulator.requests()).toEqual([]);
    },
  );
});
