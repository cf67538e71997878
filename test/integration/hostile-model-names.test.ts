import { afterAll, beforeAll, describe, expect, it } from "vitest";
import hostile from "../fixtures/hostile-model-names.json" with { type: "json" };
import { type BackendFixture, PASS, startBackend } from "../support/backend.ts";

let backend: BackendFixture;
beforeAll(async () => {
  backend = await startBackend();
});
afterAll(() => backend.close());

const headers = { authorization: `Bearer ${PASS}`, "content-type": "application/json" };

/** Every route that takes a model name, as (label, request) pairs for one name. */
function routesFor(name: string): [string, string, RequestInit][] {
  const messages = [{ role: "user", content: "Hi" }];
  const routes: [string, string, RequestInit][] = [
    [
      "chat",
      "/v1/chat/completions",
      { method: "POST", headers, body: JSON.stringify({ model: name, messages }) },
    ],
    [
      "chat (stream)",
      "/v1/chat/completions",
      { method: "POST", headers, body: JSON.stringify({ model: name, messages, stream: true }) },
    ],
    [
      "responses",
      "/v1/responses",
      { method: "POST", headers, body: JSON.stringify({ model: name, input: "Hi" }) },
    ],
    [
      "responses (stream)",
      "/v1/responses",
      { method: "POST", headers, body: JSON.stringify({ model: name, input: "Hi", stream: true }) },
    ],
    [
      "embeddings",
      "/v1/embeddings",
      { method: "POST", headers, body: JSON.stringify({ model: name, input: "x" }) },
    ],
  ];
  // GET /v1/models/{id}, the name percent-encoded and as written (e.g. `models%2F..`), whenever a
  // URL parser keeps it one path segment (clients resolve `..` segments before sending).
  for (const [label, segment] of [
    ["GET models/{id}", encodeURIComponent(name)],
    ["GET models/{raw id}", name],
  ]) {
    const url = new URL(`http://host/v1/models/${segment}`);
    if (url.pathname === `/v1/models/${segment}` && url.search === "" && url.hash === "") {
      routes.push([label as string, `/v1/models/${segment}`, { headers }]);
    }
  }
  return routes;
}

describe("the model field never steers the upstream URL", () => {
  it("holds at least 40 hostile names", () => {
    expect(hostile.names.length).toBeGreaterThanOrEqual(40);
  });

  it.each(hostile.names)(
    "answers %j with a 4xx naming 'model' on every route, calling no upstream",
    async (name) => {
      backend.emulator.reset();
      for (const [label, path, init] of routesFor(name)) {
        const response = await fetch(`${backend.url}${path}`, {
          ...init,
          signal: AbortSignal.timeout(10_000),
        });
        const text = await response.text();
        expect(response.status, `${label}: ${text}`).toBeGreaterThanOrEqual(400);
        expect(response.status, `${label}: ${text}`).toBeLessThan(500);
        const body = JSON.parse(text) as { error: { param: unknown; type: unknown } };
        expect(body.error, label).toMatchObject({ param: "model", type: "invalid_request_error" });
      }
      expect(backend.emulator.requests()).toEqual([]);
    },
  );

  it("still serves well-formed names, so the table above is not passing by accident", async () => {
    backend.emulator.reset();
    for (const [label, path, init] of routesFor("models/gemini-2.5-flash").slice(0, 2)) {
      const response = await fetch(`${backend.url}${path}`, init);
      expect(response.status, label).toBe(200);
      await response.text();
    }
    expect(backend.emulator.requests().length).toBeGreaterThan(0);
  });
});
