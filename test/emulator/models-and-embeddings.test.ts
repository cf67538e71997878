import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MODELS } from "../../emulator/models/catalog.ts";
import { type Emulator, startEmulator } from "../../emulator/server.ts";
import { call, KEY } from "./call-emulator.ts";

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ keys: [KEY], modelsPageSize: 4 });
});
afterAll(() => emulator.close());

const embedRequest = (text: string, extra: Record<string, unknown> = {}) => ({
  model: "models/gemini-embedding-001",
  content: { parts: [{ text }] },
  ...extra,
});
const batch = (requests: unknown[]) =>
  call(emulator, "/v1beta/models/gemini-embedding-001:batchEmbedContents", { body: { requests } });

describe("models", () => {
  it("lists every model over several pages of at most modelsPageSize", async () => {
    const names: string[] = [];
    let token = "";
    let pages = 0;
    do {
      const answer = await call(
        emulator,
        `/v1beta/models?pageSize=1000${token ? `&pageToken=${token}` : ""}`,
      );
      expect(answer.json.models.length).toBeLessThanOrEqual(4);
      names.push(...answer.json.models.map((model: { name: string }) => model.name));
      token = answer.json.nextPageToken ?? "";
      pages++;
    } while (token);
    expect(pages).toBe(Math.ceil(MODELS.length / 4));
    expect(names).toHaveLength(MODELS.length);
    for (const id of [
      "gemini-4-argon",
      "gemini-4-carbon",
      "gemini-4-hydrogen",
      "gemini-4-neon",
      "gemini-3.8-flash",
      "gemini-3.7-flash",
      "gemini-3.6-flash",
      "gemini-3.5-flash",
      "gemini-3.5-flash-lite",
      "gemini-3.1-flash-lite",
      "gemini-3.1-pro-preview",
      "gemini-3-flash-preview",
      "gemini-2.5-flash-lite",
      "gemini-2.5-flash-image",
      "gemini-3.1-flash-image",
      "gemini-3-pro-image",
      "gemini-flash-latest",
      "gemini-flash-lite-latest",
      "gemini-pro-latest",
      "gemma-3-1b-it",
      "gemma-3-4b-it",
      "gemma-3-12b-it",
      "gemma-3-27b-it",
      "gemma-3n-e4b-it",
      "gemini-embedding-001",
      "gemini-embedding-2",
    ]) {
      expect(names).toContain(`models/${id}`);
    }
    // Shut down or retired (even where Google still answers with another model): not listed.
    for (const id of ["gemini-2.0-flash", "gemini-2.5-flash", "gemini-3-pro-preview"]) {
      expect(names).not.toContain(`models/${id}`);
    }
  });

  it("gets one model and answers 404 NOT_FOUND for an unknown one", async () => {
    const model = await call(emulator, "/v1beta/models/gemini-3.8-flash");
    expect(model.json).toMatchObject({
      name: "models/gemini-3.8-flash",
      thinking: true,
      inputTokenLimit: 1048576,
      outputTokenLimit: 65536,
    });
    const argon = await call(emulator, "/v1beta/models/gemini-4-argon");
    expect(argon.json.outputTokenLimit).toBe(1048576);
    expect((await call(emulator, "/v1beta/models/gemini-2.0-flash")).status).toBe(404);
    const missing = await call(emulator, "/v1beta/models/gemini-0-nope");
    expect(missing.status).toBe(404);
    expect(missing.json.error.status).toBe("NOT_FOUND");
  });
});

describe("embeddings", () => {
  it("embeds deterministically into a unit vector of the model's size or outputDimensionality", async () => {
    const full = await call(emulator, "/v1beta/models/gemini-embedding-001:embedContent", {
      body: embedRequest("hi"),
    });
    const values: number[] = full.json.embedding.values;
    expect(values).toHaveLength(3072);
    expect(Math.hypot(...values)).toBeCloseTo(1, 6);
    const again = await call(emulator, "/v1beta/models/gemini-embedding-001:embedContent", {
      body: embedRequest("hi"),
    });
    expect(again.json.embedding.values).toEqual(values);
    const small = await call(emulator, "/v1beta/models/gemini-embedding-2:embedContent", {
      body: {
        content: { parts: [{ text: "hi" }] },
        outputDimensionality: 8,
        taskType: "RETRIEVAL_QUERY",
      },
    });
    expect(small.json.embedding.values).toHaveLength(8);
    const retired = await call(emulator, "/v1beta/models/text-embedding-004:embedContent", {
      body: { content: { parts: [{ text: "hi" }] } },
    });
    expect(retired.status).toBe(404);
    expect(retired.json.error.message).toContain("is no longer available");
  });

  it("refuses an unknown taskType", async () => {
    const answer = await call(emulator, "/v1beta/models/gemini-embedding-001:embedContent", {
      body: embedRequest("hi", { taskType: "SEARCH" }),
    });
    expect(answer.status).toBe(400);
    expect(answer.json.error.message).toContain("Invalid value at 'task_type'");
  });

  it("batches up to 100 requests, each naming the URL's model", async () => {
    const ok = await batch(Array.from({ length: 100 }, (_, index) => embedRequest(`t${index}`)));
    expect(ok.json.embeddings).toHaveLength(100);
    const tooMany = await batch(
      Array.from({ length: 101 }, (_, index) => embedRequest(`t${index}`)),
    );
    expect(tooMany.status).toBe(400);
    expect(tooMany.json.error.message).toContain("BatchEmbedContentsRequest.requests");
    const missingModel = await batch([{ content: { parts: [{ text: "x" }] } }]);
    expect(missingModel.status).toBe(400);
    const otherModel = await batch([embedRequest("x", { model: "models/gemini-embedding-2" })]);
    expect(otherModel.status).toBe(400);
  });

  it("refuses generate models for embeddings and vice versa", async () => {
    const answer = await call(emulator, "/v1beta/models/gemini-3.8-flash:embedContent", {
      body: embedRequest("x"),
    });
    expect(answer.status).toBe(404);
    expect(answer.json.error.message).toContain("is not supported for embedContent");
  });
});

describe("countTokens", () => {
  it("counts the tokens of contents", async () => {
    const answer = await call(emulator, "/v1beta/models/gemini-2.5-flash:countTokens", {
      body: { contents: [{ parts: [{ text: "one two three" }] }] },
    });
    expect(answer.json.totalTokens).toBe(3);
  });
});
