import OpenAI, { type BadRequestError } from "openai";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type BackendFixture, PASS, startBackend } from "../support/backend.ts";
import { postOversized } from "../support/oversized-post.ts";

let backend: BackendFixture;
beforeAll(async () => {
  backend = await startBackend({ emulator: { modelsPageSize: 3 } });
});
afterAll(() => backend.close());
afterEach(() => backend.emulator.reset());

describe("embeddings", () => {
  it("embeds one string with usage", async () => {
    const result = await backend.client.embeddings.create({
      model: "text-embedding-3-small",
      input: "hello world",
    });
    expect(result.object).toBe("list");
    expect(result.data).toHaveLength(1);
    expect(result.data[0]?.embedding.length).toBe(3072);
    expect(result.usage.prompt_tokens).toBeGreaterThan(0);
  });

  it("splits 250 inputs into Gemini batches of at most 100 and keeps their order", async () => {
    const inputs = Array.from({ length: 250 }, (_, index) => `text number ${index}`);
    const result = await backend.client.embeddings.create({
      model: "gemini-embedding-001",
      input: inputs,
      dimensions: 8,
    });
    expect(result.data.map((item) => item.index)).toEqual(inputs.map((_, index) => index));
    const single = await backend.client.embeddings.create({
      model: "gemini-embedding-001",
      input: "text number 137",
      dimensions: 8,
    });
    expect(result.data[137]?.embedding).toEqual(single.data[0]?.embedding);
    const batchCalls = backend.emulator
      .requests()
      .filter((request) => request.path.includes("batchEmbedContents"));
    expect(batchCalls.length).toBe(4);
  });

  it("returns base64 float32 when asked", async () => {
    const response = await fetch(`${backend.url}/v1/embeddings`, {
      method: "POST",
      headers: { authorization: `Bearer ${PASS}`, "content-type": "application/json" },
      body: JSON.stringify({
        model: "gemini-embedding-001",
        input: "hi",
        dimensions: 4,
        encoding_format: "base64",
      }),
    });
    const body = (await response.json()) as { data: Array<{ embedding: string }> };
    const bytes = Uint8Array.from(atob(body.data[0]?.embedding ?? ""), (char) =>
      char.charCodeAt(0),
    );
    expect(new Float32Array(bytes.buffer)).toHaveLength(4);
  });

  it("encodes base64 in workerd as exactly the float32 bytes of the float answer", async () => {
    const request = {
      model: "gemini-embedding-001",
      input: Array.from({ length: 100 }, (_, index) => `passage ${index}`),
      dimensions: 768,
    };
    const floats = await backend.client.embeddings.create({ ...request, encoding_format: "float" });
    const response = await fetch(`${backend.url}/v1/embeddings`, {
      method: "POST",
      headers: { authorization: `Bearer ${PASS}`, "content-type": "application/json" },
      body: JSON.stringify({ ...request, encoding_format: "base64" }),
    });
    const encoded = (await response.json()) as { data: Array<{ embedding: string }> };
    expect(encoded.data).toHaveLength(100);
    for (const [index, item] of floats.data.entries()) {
      const expected = Buffer.from(new Float32Array(item.embedding).buffer).toString("base64");
      expect(encoded.data[index]?.embedding).toBe(expected);
    }
  });
});

describe("models", () => {
  it("lists every page of Gemini's models", async () => {
    const models = [];
    for await (const model of backend.client.models.list()) models.push(model.id);
    expect(models).toContain("gemini-3.8-flash");
    expect(models).toContain("gemini-embedding-001");
    expect(models.length).toBeGreaterThan(6);
    expect(backend.emulator.requests().length).toBeGreaterThan(1);
  });

  it("retrieves one model and answers 404 for an unknown one", async () => {
    const model = await backend.client.models.retrieve("gemini-4-argon");
    expect(model).toMatchObject({ id: "gemini-4-argon", object: "model", owned_by: "google" });
    await expect(backend.client.models.retrieve("gemini-0-nope")).rejects.toBeInstanceOf(
      OpenAI.NotFoundError,
    );
  });
});

describe("health, auth and errors", () => {
  it("answers /health without auth, counting keys and showing none", async () => {
    const response = await fetch(`${backend.url}/health`);
    const text = await response.text();
    const report = JSON.parse(text) as Record<string, unknown>;
    expect(report).toMatchObject({ status: "ok", keys: 3 });
    // Liveness and counts only: nothing about how the worker is configured.
    expect(Object.keys(report).sort()).toEqual(["keys", "pool", "status"]);
    for (const key of backend.keys) expect(text).not.toContain(key);
  });

  it("rejects a wrong bearer with 401 as the SDK's AuthenticationError", async () => {
    const client = new OpenAI({ baseURL: `${backend.url}/v1`, apiKey: "wrong", maxRetries: 0 });
    await expect(client.models.list()).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
  });

  it("accepts the bearer scheme in any case, with and without the /v1 prefix", async () => {
    const response = await fetch(`${backend.url}/models`, {
      headers: { authorization: `BEARER ${PASS}` },
    });
    expect(response.status).toBe(200);
  });

  it("answers 400 naming messages when it is missing", async () => {
    const error = await backend.client.chat.completions
      // @ts-expect-error deliberately invalid
      .create({ model: "gemini-2.5-flash" })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect((error as BadRequestError).param).toContain("messages");
  });

  it("answers malformed JSON with 400, an unknown route with 404, a wrong method with 405", async () => {
    const headers = { authorization: `Bearer ${PASS}`, "content-type": "application/json" };
    const malformed = await fetch(`${backend.url}/v1/chat/completions`, {
      method: "POST",
      headers,
      body: "{not json",
    });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ error: { type: "invalid_request_error" } });
    const unknown = await fetch(`${backend.url}/v1/nothing-here`, { headers });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toHaveProperty("error.message");
    const wrongMethod = await fetch(`${backend.url}/v1/chat/completions`, { headers });
    expect(wrongMethod.status).toBe(405);
    expect(await wrongMethod.json()).toHaveProperty("error.type");
  });

  it("answers an oversized body with 413, before it has all arrived", async () => {
    const { status, body } = await postOversized(
      `${backend.url}/v1/chat/completions`,
      { authorization: `Bearer ${PASS}`, "content-type": "application/json" },
      26 * 1024 * 1024,
    );
    expect(status).toBe(413);
    expect(JSON.parse(body)).toHaveProperty("error.message");
  });

  it("answers CORS preflight listing Authorization explicitly", async () => {
    const response = await fetch(`${backend.url}/v1/chat/completions`, {
      method: "OPTIONS",
      headers: {
        origin: "https://app.example.com",
        "access-control-request-method": "POST",
        "access-control-request-headers": "authorization,content-type",
      },
    });
    expect(response.status).toBeLessThan(300);
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    expect(response.headers.get("access-control-allow-headers")?.toLowerCase()).toContain(
      "authorization",
    );
  });
});

describe("a worker without PASS", () => {
  it("refuses every request with 500 'PASS is not configured'", async () => {
    const unconfigured = await startBackend({ bindings: { PASS: "" } });
    try {
      const response = await fetch(`${unconfigured.url}/v1/models`, {
        headers: { authorization: "Bearer anything" },
      });
      expect(response.status).toBe(500);
      expect(JSON.stringify(await response.json())).toContain("PASS is not configured");
    } finally {
      await unconfigured.close();
    }
  });
});

describe("request ids", () => {
  it("echoes x-request-id on JSON, streaming and error responses", async () => {
    const headers = {
      authorization: `Bearer ${PASS}`,
      "content-type": "application/json",
      "x-request-id": "req-123",
    };
    const json = await fetch(`${backend.url}/v1/models`, { headers });
    expect(json.headers.get("x-request-id")).toBe("req-123");
    const stream = await fetch(`${backend.url}/v1/chat/completions`, {
      method: "POST",
      headers,
      body: JSON.stringify({
        model: "gemini-2.5-flash",
        stream: true,
        messages: [{ role: "user", content: "hi" }],
      }),
    });
    expect(stream.headers.get("x-request-id")).toBe("req-123");
    expect(stream.headers.get("content-type")).toContain("text/event-stream");
    await stream.text();
    const error = await fetch(`${backend.url}/v1/chat/completions`, {
      method: "POST",
      headers,
      body: "{",
    });
    expect(error.status).toBe(400);
    expect(error.headers.get("x-request-id")).toBe("req-123");
  });
});

describe("CORS_ORIGINS", () => {
  it("allows only the listed origins and says the answer varies by origin", async () => {
    const listed = await startBackend({
      bindings: { CORS_ORIGINS: "https://a.example, https://b.example" },
    });
    try {
      const preflight = (origin: string) =>
        fetch(`${listed.url}/v1/chat/completions`, {
          method: "OPTIONS",
          headers: {
            origin,
            "access-control-request-method": "POST",
            "access-control-request-headers": "authorization",
          },
        });
      const allowed = await preflight("https://b.example");
      expect(allowed.headers.get("access-control-allow-origin")).toBe("https://b.example");
      const refused = await preflight("https://evil.example");
      expect(refused.headers.get("access-control-allow-origin")).toBeNull();
      const response = await fetch(`${listed.url}/health`, {
        headers: { origin: "https://a.example" },
      });
      expect(response.headers.get("access-control-allow-origin")).toBe("https://a.example");
      expect(response.headers.get("vary")).toContain("Origin");
    } finally {
      await listed.close();
    }
  });
});

describe("CORS on the backend", () => {
  it("puts the CORS and request-id headers on every kind of answer: JSON, stream, pass-through, error, 404", async () => {
    const headers = {
      authorization: `Bearer ${PASS}`,
      "content-type": "application/json",
      origin: "https://app.example",
    };
    const chat = (stream: boolean) =>
      JSON.stringify({
        model: "gemini-2.5-flash",
        stream,
        messages: [{ role: "user", content: "hi" }],
      });
    const answers = await Promise.all([
      fetch(`${backend.url}/v1/chat/completions`, { method: "POST", headers, body: chat(false) }),
      fetch(`${backend.url}/v1/chat/completions`, { method: "POST", headers, body: chat(true) }),
      fetch(`${backend.url}/v1beta/models/gemini-2.5-flash:generateContent`, {
        method: "POST",
        headers: {
          "x-goog-api-key": PASS,
          "content-type": "application/json",
          origin: "https://app.example",
        },
        body: JSON.stringify({ contents: [{ role: "user", parts: [{ text: "hi" }] }] }),
      }),
      fetch(`${backend.url}/v1/chat/completions`, { method: "POST", headers, body: "{" }),
      fetch(`${backend.url}/v1/nowhere`, { headers }),
    ]);
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 400, 404]);
    for (const answer of answers) {
      expect(answer.headers.get("access-control-allow-origin")).toBe("*");
      expect(answer.headers.get("x-request-id")).toMatch(/^[\w.:-]{1,128}$/);
      await answer.text();
    }
  });

  it("allows the headers browsers send with the openai, Anthropic and Google SDKs, User-Agent included", async () => {
    const requested = [
      "authorization",
      "content-type",
      "user-agent",
      "x-stainless-os",
      "x-goog-api-key",
      "x-goog-api-client",
      "x-api-key",
      "anthropic-version",
      "anthropic-beta",
      "anthropic-dangerous-direct-browser-access",
    ];
    const preflight = await fetch(`${backend.url}/v1/chat/completions`, {
      method: "OPTIONS",
      headers: {
        origin: "https://app.example",
        "access-control-request-method": "POST",
        "access-control-request-headers": requested.join(", "),
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("*");
    const allowed = (preflight.headers.get("access-control-allow-headers") ?? "")
      .toLowerCase()
      .split(", ");
    for (const header of requested) expect(allowed).toContain(header);
  });
});
