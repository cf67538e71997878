import { ApiError, createPartFromUri, type GoogleGenAI } from "@google/genai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { readTag, tagId } from "../../common/resource-tag.ts";
import { keyPrintOf } from "../../deploy/fingerprint.ts";
import type { RecordedRequest } from "../../emulator/server.ts";
import { projectOf, startProjectPool } from "../support/project-pool.ts";
import { PASS, type Topology } from "../support/topology.ts";

/**
 * Files and cached contents through the whole topology with @google/genai as the client: keys of
 * several Google projects spread over three backends (one project's keys on two backends), one
 * key rate-limited and one invalid. Each follow-up must reach a key of the project that made the
 * resource — the emulator refuses any other with Google's 403.
 */
const MODEL = "gemini-2.5-flash";

let topology: Topology;
let genai: GoogleGenAI;

beforeAll(async () => {
  ({ topology, genai } = await startProjectPool());
});
afterAll(() => topology.close());

/** The emulator's log of requests that named `id` (in the path or body), and none refused as another project's. */
function requestsNaming(id: string): RecordedRequest[] {
  return topology.emulator
    .requests()
    .filter((request) => `${request.path} ${JSON.stringify(request.body ?? "")}`.includes(id));
}

let logStart = 0;
beforeEach(() => {
  logStart = topology.emulator.requests().length;
});

/** No request of this test was refused as another project's (Google's 403). */
function expectNoCrossProjectRefusals() {
  const refused = topology.emulator
    .requests()
    .slice(logStart)
    .filter((request) => request.status === 403);
  expect(refused).toEqual([]);
}

const longText = (words: number) =>
  Array.from({ length: words }, (_, index) => `word${index}`).join(" ");

describe("Files through the pool", () => {
  it("uploads (resumable), uses, gets, lists and deletes a file, always with its project's key", async () => {
    const file = await genai.files.upload({
      file: new Blob(["The quick brown fox jumps over the lazy dog."], { type: "text/plain" }),
      config: { displayName: "fox.txt" },
    });
    const taggedId = file.name?.replace("files/", "") ?? "";
    const tag = readTag(taggedId);
    expect(tag).not.toBeNull();
    expect(taggedId.length).toBeLessThanOrEqual(40);
    expect(file.uri).toContain(`/files/${taggedId}`);
    expect(file.sizeBytes).toBe("44");
    const upstreamId = tag?.id ?? "";
    const finalized = topology.emulator
      .requests()
      .filter((request) => request.path.includes("upload_id") && request.status === 200);
    const project = projectOf(finalized.at(-1)?.key);
    expect(project).toBeDefined();

    // Several generations, each through a backend chosen at random by the orchestrator.
    for (let round = 0; round < 4; round++) {
      const answer = await genai.models.generateContent({
        model: MODEL,
        contents: [
          {
            role: "user",
            parts: [createPartFromUri(file.uri ?? "", "text/plain"), { text: "Summarize" }],
          },
        ],
      });
      expect(answer.text).toBeTruthy();
    }
    const got = await genai.files.get({ name: file.name ?? "" });
    expect(got.name).toBe(file.name);
    expect((await genai.files.get({ name: file.uri ?? "" })).name).toBe(file.name);

    const listed: string[] = [];
    for await (const item of await genai.files.list({ config: { pageSize: 2 } })) {
      listed.push(item.name ?? "");
    }
    // Listed once, though two keys of its project (on two backends) can both see it.
    expect(listed.filter((name) => readTag(name.slice(6))?.id === upstreamId)).toHaveLength(1);

    await genai.files.delete({ name: file.name ?? "" });
    const gone = await genai.files.get({ name: file.name ?? "" }).catch((error: unknown) => error);
    expect(gone).toBeInstanceOf(ApiError);
    expect((gone as ApiError).status).toBe(403);

    // Every call naming the file went with a key of its project.
    const named = requestsNaming(upstreamId).filter(
      (request) => !request.path.includes("upload_id"),
    );
    expect(named.length).toBeGreaterThanOrEqual(7);
    for (const request of named) expect(projectOf(request.key)).toBe(project);
    // The only 403 is the one asked for after deletion, with the owner's key.
    const refused = topology.emulator
      .requests()
      .slice(logStart)
      .filter((request) => request.status === 403);
    expect(refused).toHaveLength(1);
    expect(projectOf(refused[0]?.key)).toBe(project);
  });

  it("lists files of every project once, across backends and pages", async () => {
    const names: string[] = [];
    for (let index = 0; index < 5; index++) {
      const file = await genai.files.upload({
        file: new Blob([`file ${index}`], { type: "text/plain" }),
      });
      names.push(file.name ?? "");
    }
    const listed: string[] = [];
    for await (const item of await genai.files.list({ config: { pageSize: 1 } })) {
      listed.push(item.name ?? "");
    }
    // Keys of one project see the same files: each file once, tagged by whichever key listed it.
    const upstream = (tagged: string[]) =>
      tagged.map((name) => readTag(name.slice(6))?.id).toSorted();
    expect(upstream(listed)).toEqual(upstream(names));
    for (const name of names) await genai.files.delete({ name });
  });

  it("answers a clear 404 for a file whose key the gateway no longer holds, and 400 for a malformed name", async () => {
    const removed = `files/${tagId("abcdefghijkl", keyPrintOf("a-key-removed-from-the-pool"))}`;
    const error = await genai.files.get({ name: removed }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(404);
    expect((error as ApiError).message).toContain("no longer holds");
    const response = await fetch(`${topology.url}/v1beta/files/bad!name`, {
      headers: { "x-goog-api-key": PASS },
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { status: string } }).error.status).toBe(
      "INVALID_ARGUMENT",
    );
  });
});

describe("Cached contents through the pool", () => {
  it("creates a cache, generates with it, updates its TTL, lists and deletes it", async () => {
    const cache = await genai.caches.create({
      model: MODEL,
      config: {
        contents: [{ role: "user", parts: [{ text: longText(1100) }] }],
        displayName: "long",
        ttl: "600s",
      },
    });
    const tag = readTag(cache.name?.replace("cachedContents/", "") ?? "");
    expect(tag).not.toBeNull();
    const created = topology.emulator
      .requests()
      .slice(logStart)
      .find((request) => request.path === "/v1beta/cachedContents" && request.status === 200);
    const project = projectOf(created?.key);
    expect(project).toBeDefined();
    for (let round = 0; round < 4; round++) {
      const answer = await genai.models.generateContent({
        model: MODEL,
        contents: "What does it say?",
        config: { cachedContent: cache.name },
      });
      expect(answer.usageMetadata?.cachedContentTokenCount).toBe(1100);
    }
    const updated = await genai.caches.update({ name: cache.name ?? "", config: { ttl: "1200s" } });
    expect(updated.name).toBe(cache.name);
    expect(Date.parse(updated.expireTime ?? "")).toBeGreaterThan(
      Date.parse(cache.expireTime ?? ""),
    );
    const listed: string[] = [];
    for await (const item of await genai.caches.list()) listed.push(item.name ?? "");
    // Listed once, by whichever key of its project lists it first.
    expect(listed.filter((name) => readTag(name.slice(15))?.id === tag?.id)).toHaveLength(1);
    await genai.caches.delete({ name: cache.name ?? "" });
    for (const request of requestsNaming(tag?.id ?? ""))
      expect(projectOf(request.key)).toBe(project);
    expectNoCrossProjectRefusals();
  });

  it("makes a cache of a file with the file's key", async () => {
    const file = await genai.files.upload({
      file: new Blob([longText(1100)], { type: "text/plain" }),
    });
    const cache = await genai.caches.create({
      model: MODEL,
      config: {
        contents: [
          {
            role: "user",
            parts: [createPartFromUri(file.uri ?? "", "text/plain"), { text: longText(1100) }],
          },
        ],
      },
    });
    expect(readTag(cache.name?.slice(15) ?? "")?.print).toBe(
      readTag(file.name?.slice(6) ?? "")?.print,
    );
    await genai.caches.delete({ name: cache.name ?? "" });
    await genai.files.delete({ name: file.name ?? "" });
    expectNoCrossProjectRefusals();
  });
});

describe("OpenAI chat and Responses naming Gemini files and caches", () => {
  it("sends a chat with a Gemini file and one with extra_body.google.cached_content to the owning keys", async () => {
    const file = await genai.files.upload({
      file: new Blob(["a note for the chat"], { type: "text/plain" }),
    });
    const cache = await genai.caches.create({
      model: MODEL,
      config: { contents: [{ role: "user", parts: [{ text: longText(1050) }] }] },
    });
    for (let round = 0; round < 3; round++) {
      const withFile = await topology.client.chat.completions.create({
        model: MODEL,
        messages: [
          {
            role: "user",
            content: [
              { type: "file", file: { file_id: file.name ?? "" } },
              { type: "text", text: "What does the note say?" },
            ],
          },
        ],
      });
      expect(withFile.choices[0]?.message.content).toBeTruthy();
      const withCache = await topology.client.chat.completions.create({
        model: MODEL,
        messages: [{ role: "user", content: "Summarize the cached text" }],
        // @ts-expect-error Gemini's extra field, as the OpenAI SDK sends extra_body
        extra_body: { google: { cached_content: cache.name } },
      });
      expect(withCache.usage?.prompt_tokens).toBeGreaterThan(1050);
      const response = await topology.client.responses.create({
        model: MODEL,
        input: [
          {
            role: "user",
            content: [
              { type: "input_file", file_id: file.uri ?? "" },
              { type: "input_text", text: "And now?" },
            ],
          },
        ],
      });
      expect(response.output_text).toBeTruthy();
    }
    await genai.caches.delete({ name: cache.name ?? "" });
    await genai.files.delete({ name: file.name ?? "" });
    expectNoCrossProjectRefusals();
  });
});
