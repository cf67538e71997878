import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type Emulator, startEmulator } from "../../emulator/server.ts";
import { call, userText } from "./call-emulator.ts";

/** Batches and File Search stores in the emulator: per project, on its clock. */
const A1 = "key-a1";
const A2 = "key-a2";
const B = "key-b";
let emulator: Emulator;
let clock = Date.parse("2026-12-06T09:00:00Z");

beforeAll(async () => {
  emulator = await startEmulator({
    keys: [A1, A2, B],
    projects: [
      { id: "a", keys: [A1, A2] },
      { id: "b", keys: [B] },
    ],
    now: () => clock,
    jobMs: 1000,
  });
});
afterAll(() => emulator.close());
beforeEach(() => emulator.reset());

const inlineBatch = (texts: string[]) => ({
  batch: {
    displayName: "jokes",
    inputConfig: {
      requests: {
        requests: texts.map((text, index) => ({
          request: userText(text),
          metadata: { key: `k${index}` },
        })),
      },
    },
  },
});

describe("batches", () => {
  it("go PENDING → RUNNING → SUCCEEDED on the clock, with inline responses, for every key of the project", async () => {
    const created = await call(emulator, "/v1beta/models/gemini-2.5-flash:batchGenerateContent", {
      body: inlineBatch(["one", "two"]),
      key: A1,
    });
    expect(created.status).toBe(200);
    expect(created.json.name).toMatch(/^batches\/[a-z0-9]+$/);
    expect(created.json.metadata.state).toBe("BATCH_STATE_PENDING");
    expect(created.json.metadata.batchStats).toEqual({
      requestCount: "2",
      pendingRequestCount: "2",
    });
    const path = `/v1beta/${created.json.name}`;
    clock += 600;
    expect((await call(emulator, path, { key: A2 })).json.metadata.state).toBe(
      "BATCH_STATE_RUNNING",
    );
    clock += 600;
    const done = await call(emulator, path, { key: A2 });
    expect(done.json.done).toBe(true);
    expect(done.json.metadata.state).toBe("BATCH_STATE_SUCCEEDED");
    expect(done.json.metadata.batchStats.successfulRequestCount).toBe("2");
    const responses = done.json.response.inlinedResponses.inlinedResponses;
    expect(responses.map((item: { metadata: unknown }) => item.metadata)).toEqual([
      { key: "k0" },
      { key: "k1" },
    ]);
    expect(responses[0].response.candidates[0].content.parts[0].text).toBeTruthy();
    expect((await call(emulator, "/v1beta/batches", { key: A2 })).json.operations).toHaveLength(1);
  });

  it("refuses another project's batch with a 403, and lists none of it", async () => {
    const created = await call(emulator, "/v1beta/models/gemini-2.5-flash:batchGenerateContent", {
      body: inlineBatch(["one"]),
      key: A1,
    });
    const path = `/v1beta/${created.json.name}`;
    expect((await call(emulator, path, { key: B })).status).toBe(403);
    expect((await call(emulator, `${path}:cancel`, { key: B, method: "POST" })).status).toBe(403);
    expect((await call(emulator, path, { key: B, method: "DELETE" })).status).toBe(403);
    expect((await call(emulator, "/v1beta/batches", { key: B })).json).toEqual({});
  });

  it("cancels a batch not yet done, and expires one pending for 48 hours", async () => {
    const first = await call(emulator, "/v1beta/models/gemini-2.5-flash:batchGenerateContent", {
      body: inlineBatch(["one"]),
      key: A1,
    });
    expect(
      (await call(emulator, `/v1beta/${first.json.name}:cancel`, { key: A1, method: "POST" })).json,
    ).toEqual({});
    const cancelled = await call(emulator, `/v1beta/${first.json.name}`, { key: A1 });
    expect(cancelled.json.metadata.state).toBe("BATCH_STATE_CANCELLED");
    expect(cancelled.json.done).toBe(true);

    emulator.setOptions({ jobMs: 100 * 3600_000 });
    const slow = await call(emulator, "/v1beta/models/gemini-2.5-flash:batchGenerateContent", {
      body: inlineBatch(["slow"]),
      key: A1,
    });
    clock += 48 * 3600_000;
    const expired = await call(emulator, `/v1beta/${slow.json.name}`, { key: A1 });
    expect(expired.json.metadata.state).toBe("BATCH_STATE_EXPIRED");
    emulator.setOptions({ jobMs: 1000 });
  });

  it("reads an input file of the project only, writes a generated result file that downloads, and refuses to download an uploaded one", async () => {
    const line = JSON.stringify({ key: "x", request: userText("hi") });
    const upload = await fetch(`${emulator.url}/upload/v1beta/files?uploadType=multipart`, {
      method: "POST",
      headers: { "x-goog-api-key": A1, "content-type": "multipart/related; boundary=b" },
      body: `--b\r\ncontent-type: application/json\r\n\r\n{"file":{}}\r\n--b\r\ncontent-type: application/jsonl\r\n\r\n${line}\r\n--b--`,
    });
    const file = ((await upload.json()) as { file: { name: string } }).file;
    const body = { batch: { displayName: "f", inputConfig: { fileName: file.name } } };
    const method = "/v1beta/models/gemini-2.5-flash:batchGenerateContent";
    expect((await call(emulator, method, { body, key: B })).status).toBe(403);
    const created = await call(emulator, method, { body, key: A2 });
    clock += 1000;
    const done = await call(emulator, `/v1beta/${created.json.name}`, { key: A1 });
    const result = done.json.response.responsesFile as string;
    expect(result).toMatch(/^files\/batch-/);
    const bytes = await call(emulator, `/download/v1beta/${result}:download?alt=media`, {
      key: A1,
    });
    expect(JSON.parse(bytes.text)).toMatchObject({ key: "x", response: { candidates: [{}] } });
    expect((await call(emulator, `/v1beta/${result}:download?alt=media`, { key: B })).status).toBe(
      403,
    );
    const uploaded = await call(emulator, `/v1beta/${file.name}:download?alt=media`, { key: A1 });
    expect(uploaded.status).toBe(400);
  });
});

describe("File Search stores", () => {
  it("derive a store's id from its display name, import the project's files only, and need force to delete what holds documents", async () => {
    const store = await call(emulator, "/v1beta/fileSearchStores", {
      body: { displayName: "My Team's Notes!" },
      key: A1,
    });
    expect(store.json.name).toMatch(/^fileSearchStores\/my-team-s-notes-[a-z0-9]{12}$/);
    const upload = await fetch(`${emulator.url}/upload/v1beta/files?uploadType=multipart`, {
      method: "POST",
      headers: { "x-goog-api-key": B, "content-type": "multipart/related; boundary=b" },
      body: '--b\r\ncontent-type: application/json\r\n\r\n{"file":{}}\r\n--b\r\ncontent-type: text/plain\r\n\r\nhello\r\n--b--',
    });
    const othersFile = ((await upload.json()) as { file: { name: string } }).file.name;
    const importPath = `/v1beta/${store.json.name}:importFile`;
    expect(
      (await call(emulator, importPath, { body: { fileName: othersFile }, key: A1 })).status,
    ).toBe(403);
    expect((await call(emulator, `/v1beta/${store.json.name}`, { key: B })).status).toBe(403);
    const generate = await call(emulator, "/v1beta/models/gemini-2.5-flash:generateContent", {
      body: {
        ...userText("q"),
        tools: [{ fileSearch: { fileSearchStoreNames: [store.json.name] } }],
      },
      key: B,
    });
    expect(generate.status).toBe(403);
    const imported = await call(emulator, importPath, { body: { fileName: othersFile }, key: B });
    expect(imported.status).toBe(403);

    const own = await fetch(`${emulator.url}/upload/v1beta/files?uploadType=multipart`, {
      method: "POST",
      headers: { "x-goog-api-key": A2, "content-type": "multipart/related; boundary=b" },
      body: '--b\r\ncontent-type: application/json\r\n\r\n{"file":{"displayName":"notes.txt"}}\r\n--b\r\ncontent-type: text/plain\r\n\r\nhello\r\n--b--',
    });
    const ownFile = ((await own.json()) as { file: { name: string } }).file.name;
    const operation = await call(emulator, importPath, { body: { fileName: ownFile }, key: A1 });
    expect(operation.json.name).toMatch(new RegExp(`^${store.json.name}/operations/`));
    expect(operation.json.done).toBeUndefined();
    clock += 1000;
    const finished = await call(emulator, `/v1beta/${operation.json.name}`, { key: A2 });
    expect(finished.json.done).toBe(true);
    expect(finished.json.response.parent).toBe(store.json.name);
    const documentName = finished.json.response.documentName as string;
    expect(
      (await call(emulator, `/v1beta/${store.json.name}`, { key: A1 })).json.activeDocumentsCount,
    ).toBe("1");

    expect(
      (await call(emulator, `/v1beta/${store.json.name}`, { key: A1, method: "DELETE" })).json.error
        .status,
    ).toBe("FAILED_PRECONDITION");
    expect(
      (await call(emulator, `/v1beta/${documentName}`, { key: A1, method: "DELETE" })).json.error
        .status,
    ).toBe("FAILED_PRECONDITION");
    expect(
      (await call(emulator, `/v1beta/${documentName}?force=true`, { key: A1, method: "DELETE" }))
        .json,
    ).toEqual({});
    expect(
      (await call(emulator, `/v1beta/${store.json.name}`, { key: A1, method: "DELETE" })).json,
    ).toEqual({});
  });
});
