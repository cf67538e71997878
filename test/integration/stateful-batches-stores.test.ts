import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ApiError, type BatchJob, type GoogleGenAI, JobState } from "@google/genai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { readTag, tagId } from "../../common/resource-tag.ts";
import { keyPrintOf } from "../../deploy/fingerprint.ts";
import type { RecordedRequest } from "../../emulator/server.ts";
import { projectOf, startProjectPool } from "../support/project-pool.ts";
import { PASS, type Topology } from "../support/topology.ts";

/**
 * Batches and File Search stores through the whole topology with @google/genai as the client:
 * keys of several Google projects over three backends (one project's keys on two backends), one
 * key rate-limited and one invalid. Every follow-up must reach the project that made the batch or
 * store — the emulator refuses any other with a 403, and none may appear.
 */
const MODEL = "gemini-2.5-flash";

let topology: Topology;
let genai: GoogleGenAI;

beforeAll(async () => {
  ({ topology, genai } = await startProjectPool({ jobMs: 150 }));
});
afterAll(() => topology.close());

let logStart = 0;
beforeEach(() => {
  logStart = topology.emulator.requests().length;
  topology.emulator.setOptions({ jobMs: 150 });
});

/** This test's emulator requests that named `id` in their path or body. */
function requestsNaming(id: string): RecordedRequest[] {
  return topology.emulator
    .requests()
    .slice(logStart)
    .filter((request) => `${request.path} ${JSON.stringify(request.body ?? "")}`.includes(id));
}

/** The project of the key that answered this test's first successful request to a path containing `part`. */
function projectThatMade(part: string): string | undefined {
  const made = topology.emulator
    .requests()
    .slice(logStart)
    .find((request) => request.path.includes(part) && request.status === 200);
  return projectOf(made?.key);
}

/** Every request naming `id` went to `project`, and there was at least `least` of them. */
function expectAllIn(id: string, project: string | undefined, least: number) {
  const named = requestsNaming(id);
  expect(named.length).toBeGreaterThanOrEqual(least);
  for (const request of named) expect(projectOf(request.key)).toBe(project);
}

function expectNoCrossProjectRefusals() {
  const refused = topology.emulator
    .requests()
    .slice(logStart)
    .filter((request) => request.status === 403);
  expect(refused).toEqual([]);
}

const idOf = (name: string | undefined) => (name ?? "").slice((name ?? "").indexOf("/") + 1);
/** Google's id inside a tagged name. */
const upstreamId = (name: string | undefined) => readTag(idOf(name))?.id ?? "";

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (let round = 0; round < 100; round++) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("never done");
}

const finished = (job: BatchJob) =>
  job.state === JobState.JOB_STATE_SUCCEEDED ||
  job.state === JobState.JOB_STATE_FAILED ||
  job.state === JobState.JOB_STATE_CANCELLED;

describe("Batches through the pool", () => {
  it("runs an inline batch from create to result, lists it once and deletes it, with its project's key", async () => {
    const created = await genai.batches.create({
      model: MODEL,
      src: [
        { contents: [{ role: "user", parts: [{ text: "Tell a joke" }] }], metadata: { key: "a" } },
        { contents: [{ role: "user", parts: [{ text: "Why is the sky blue?" }] }] },
      ],
      config: { displayName: "inline-jokes" },
    });
    expect(readTag(idOf(created.name))).not.toBeNull();
    expect(created.state).toBe(JobState.JOB_STATE_PENDING);
    const id = upstreamId(created.name);
    const project = projectThatMade(":batchGenerateContent");
    expect(project).toBeDefined();

    const done = await until(() => genai.batches.get({ name: created.name ?? "" }), finished);
    expect(done.name).toBe(created.name);
    expect(done.state).toBe(JobState.JOB_STATE_SUCCEEDED);
    const responses = done.dest?.inlinedResponses ?? [];
    expect(responses).toHaveLength(2);
    expect(responses[0]?.metadata).toEqual({ key: "a" });
    expect(responses[0]?.response?.text).toBeTruthy();
    expect(responses[1]?.response?.text).toBeTruthy();

    const listed: string[] = [];
    for await (const job of await genai.batches.list({ config: { pageSize: 1 } })) {
      listed.push(job.name ?? "");
    }
    // Once, though two keys of its project (on two backends) both list it.
    expect(listed.filter((name) => upstreamId(name) === id)).toHaveLength(1);

    await genai.batches.delete({ name: created.name ?? "" });
    const gone = await genai.batches.get({ name: created.name ?? "" }).catch((error) => error);
    expect(gone).toBeInstanceOf(ApiError);
    expectAllIn(id, project, 3); // get (polled), delete, get after delete
    // The one 403 is the deleted batch asked for with its own project's key.
    const refused = topology.emulator
      .requests()
      .slice(logStart)
      .filter((request) => request.status === 403);
    expect(refused.map((request) => projectOf(request.key))).toEqual([project]);
  });

  it("runs a batch whose input is an uploaded file with the file's key, and downloads the result file", async () => {
    const lines = [
      { key: "first", request: { contents: [{ role: "user", parts: [{ text: "One" }] }] } },
      { key: "second", request: { contents: [{ role: "user", parts: [{ text: "Two" }] }] } },
    ];
    const input = await genai.files.upload({
      file: new Blob([lines.map((line) => JSON.stringify(line)).join("\n")], {
        type: "application/jsonl",
      }),
      config: { mimeType: "application/jsonl" },
    });
    const created = await genai.batches.create({
      model: MODEL,
      src: input.name ?? "",
      config: { displayName: "from-file" },
    });
    // The batch is made with the file's key: both carry its tag.
    expect(readTag(idOf(created.name))?.print).toBe(readTag(idOf(input.name))?.print);
    const done = await until(() => genai.batches.get({ name: created.name ?? "" }), finished);
    expect(done.state).toBe(JobState.JOB_STATE_SUCCEEDED);
    const resultName = done.dest?.fileName ?? "";
    expect(readTag(idOf(resultName))?.print).toBe(readTag(idOf(input.name))?.print);

    const directory = await mkdtemp(join(tmpdir(), "zen-batch-"));
    try {
      const path = join(directory, "results.jsonl");
      await genai.files.download({ file: resultName, downloadPath: path });
      const results = (await readFile(path, "utf8"))
        .split("\n")
        .map((line) => JSON.parse(line) as { key: string; response: { candidates: unknown[] } });
      expect(results.map((result) => result.key)).toEqual(["first", "second"]);
      expect(results[0]?.response.candidates.length).toBe(1);
      // The same bytes at the file's downloadUri path (`/download/v1beta/…`), and Google's refusal
      // for an uploaded file's bytes passed on.
      const direct = await fetch(
        `${topology.url}/download/v1beta/${resultName}:download?alt=media`,
        {
          headers: { "x-goog-api-key": PASS },
        },
      );
      expect(direct.status).toBe(200);
      expect(await direct.text()).toBe(await readFile(path, "utf8"));
      const uploaded = await fetch(`${topology.url}/v1beta/${input.name}:download?alt=media`, {
        headers: { "x-goog-api-key": PASS },
      });
      expect(uploaded.status).toBe(400);
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
    const project = projectOf(requestsNaming(upstreamId(input.name))[0]?.key);
    expectAllIn(upstreamId(created.name), project, 2);
    expectAllIn(upstreamId(resultName), project, 1);
    await genai.batches.delete({ name: created.name ?? "" });
    await genai.files.delete({ name: input.name ?? "" });
    expectNoCrossProjectRefusals();
  });

  it("cancels a running batch with its key, and runs an embedding batch", async () => {
    topology.emulator.setOptions({ jobMs: 60_000 });
    const created = await genai.batches.create({
      model: MODEL,
      src: [{ contents: [{ role: "user", parts: [{ text: "Slow" }] }] }],
      config: { displayName: "to-cancel" },
    });
    await genai.batches.cancel({ name: created.name ?? "" });
    const cancelled = await genai.batches.get({ name: created.name ?? "" });
    expect(cancelled.state).toBe(JobState.JOB_STATE_CANCELLED);
    const project = projectThatMade(":batchGenerateContent");
    expectAllIn(upstreamId(created.name), project, 2);
    await genai.batches.delete({ name: created.name ?? "" });

    topology.emulator.setOptions({ jobMs: 100 });
    const embeddings = await genai.batches.createEmbeddings({
      model: "gemini-embedding-001",
      src: { inlinedRequests: { contents: ["first text", "second text"] } },
      config: { displayName: "embeddings" },
    });
    const done = await until(() => genai.batches.get({ name: embeddings.name ?? "" }), finished);
    expect(done.state).toBe(JobState.JOB_STATE_SUCCEEDED);
    const vectors = done.dest?.inlinedEmbedContentResponses ?? [];
    expect(vectors).toHaveLength(2);
    expect(vectors[0]?.response?.embedding?.values?.length).toBeGreaterThan(0);
    await genai.batches.delete({ name: embeddings.name ?? "" });
    expectNoCrossProjectRefusals();
  });
});

describe("File Search stores through the pool", () => {
  it("creates a store, uploads and imports files, searches it, lists and deletes documents and the store, with its project's key", async () => {
    const store = await genai.fileSearchStores.create({ config: { displayName: "Team notes" } });
    expect(store.name).toMatch(/^fileSearchStores\/team-notes-/);
    const storeTag = readTag(idOf(store.name));
    expect(storeTag).not.toBeNull();
    expect(idOf(store.name).length).toBeLessThanOrEqual(40);
    const storeId = storeTag?.id ?? "";
    const project = projectThatMade("/v1beta/fileSearchStores");
    expect(project).toBeDefined();

    // Uploaded straight into the store (the resumable protocol), then polled to done.
    const uploaded = await genai.fileSearchStores.uploadToFileSearchStore({
      fileSearchStoreName: store.name ?? "",
      file: new Blob(["The launch is on Tuesday."], { type: "text/plain" }),
      config: { displayName: "launch.txt", mimeType: "text/plain" },
    });
    const upload = await until(
      () => genai.operations.get({ operation: uploaded }),
      (operation) => operation.done === true,
    );
    expect((upload.response as { documentName?: string } | undefined)?.documentName).toMatch(
      new RegExp(`^${store.name}/documents/launch-txt-`),
    );

    // importFile takes a file of the store's own key; another key's gets a clear 400.
    let imported = false;
    let refusals = 0;
    for (let round = 0; round < 60 && !imported; round++) {
      const file = await genai.files.upload({
        file: new Blob([`Budget note ${round}`], { type: "text/plain" }),
        config: { displayName: `budget-${round}` },
      });
      if (readTag(idOf(file.name))?.print === storeTag?.print) {
        const operation = await genai.fileSearchStores.importFile({
          fileSearchStoreName: store.name ?? "",
          fileName: file.name ?? "",
        });
        await until(
          () => genai.operations.get({ operation }),
          (current) => current.done === true,
        );
        imported = true;
      } else if (refusals < 2) {
        refusals++;
        const error = await genai.fileSearchStores
          .importFile({ fileSearchStoreName: store.name ?? "", fileName: file.name ?? "" })
          .catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(ApiError);
        expect((error as ApiError).status).toBe(400);
        expect((error as ApiError).message).toContain("uploadToFileSearchStore");
      }
      await genai.files.delete({ name: file.name ?? "" });
    }
    expect(imported).toBe(true);

    for (let round = 0; round < 3; round++) {
      const answer = await genai.models.generateContent({
        model: MODEL,
        contents: "When is the launch?",
        config: { tools: [{ fileSearch: { fileSearchStoreNames: [store.name ?? ""] } }] },
      });
      expect(answer.text).toBeTruthy();
      // The Interactions API names stores in its file_search tool: the same key.
      const interaction = await genai.interactions.create({
        model: MODEL,
        input: "When is the launch?",
        tools: [{ type: "file_search", file_search_store_names: [store.name ?? ""] }],
      });
      expect(interaction.status).toBe("completed");
      // OpenAI's Responses API: a file_search tool whose vector_store_ids are Gemini stores.
      const response = await topology.client.responses.create({
        model: MODEL,
        input: "When is the launch?",
        tools: [{ type: "file_search", vector_store_ids: [store.name ?? ""] }],
      });
      expect(response.output_text).toBeTruthy();
    }

    const documents: string[] = [];
    for await (const document of await genai.fileSearchStores.documents.list({
      parent: store.name ?? "",
      config: { pageSize: 1 },
    })) {
      documents.push(document.name ?? "");
    }
    expect(documents).toHaveLength(2);
    for (const name of documents) expect(name.startsWith(`${store.name}/documents/`)).toBe(true);
    const first = await genai.fileSearchStores.documents.get({ name: documents[0] ?? "" });
    expect(first.state).toBe("STATE_ACTIVE");
    await genai.fileSearchStores.documents.delete({
      name: documents[0] ?? "",
      config: { force: true },
    });

    const got = await genai.fileSearchStores.get({ name: store.name ?? "" });
    expect(got.activeDocumentsCount).toBe("1");
    const listed: string[] = [];
    for await (const item of await genai.fileSearchStores.list({ config: { pageSize: 1 } })) {
      listed.push(item.name ?? "");
    }
    expect(listed.filter((name) => upstreamId(name) === storeId)).toHaveLength(1);
    await genai.fileSearchStores.delete({ name: store.name ?? "", config: { force: true } });

    expectAllIn(storeId, project, 18);
    expectNoCrossProjectRefusals();
  });
});

describe("names the gateway cannot serve", () => {
  it("answers 404 for a batch or store whose key the gateway no longer holds, 400 for two keys' resources in one request", async () => {
    const removed = keyPrintOf("a-key-removed-from-the-pool");
    for (const name of [
      `batches/${tagId("q1w2e3r4t5y6", removed)}`,
      `fileSearchStores/${tagId("notes-abcdefghijkl", removed)}`,
    ]) {
      const response = await fetch(`${topology.url}/v1beta/${name}`, {
        headers: { "x-goog-api-key": PASS },
      });
      expect(response.status, name).toBe(404);
      expect(((await response.json()) as { error: { message: string } }).error.message).toContain(
        "no longer holds",
      );
    }
    const store = `fileSearchStores/${tagId("notes-abcdefghijkl", keyPrintOf("k-a1"))}`;
    const file = `files/${tagId("abcdefghijkl", keyPrintOf("k-b1"))}`;
    const error = await genai.fileSearchStores
      .importFile({ fileSearchStoreName: store, fileName: file })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(400);
    expect((error as ApiError).message).toContain("another key");
    expect(topology.emulator.requests().slice(logStart)).toEqual([]);
  });
});
